package dev.citadel.client.testkit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Redis server that also accepts TLS, as returned by {@link CitadelTestKit#tlsRedis()}. {@link #port()} stays a
 * plain-text port (for checks); clients under test use {@link #tlsPort()} and trust {@link #caCertificate()}. The
 * server certificate is valid for {@code 127.0.0.1} and {@code localhost} and signed by a throwaway CA made for this
 * JVM ({@link TestCertificates}).
 *
 * <p>Implementations are thread-safe.
 */
public interface TlsRedisServer extends RedisServer {

  /**
   * Returns the port that speaks TLS.
   *
   * @return the TLS port
   */
  int tlsPort();

  /**
   * Returns the PEM file clients trust: the throwaway CA that signed the server certificate.
   *
   * @return the certificate file
   */
  Path caCertificate();

  /**
   * Returns this server's TLS port as citadel-client's {@code redis.*} settings, with full
   * certificate checks against {@link #caCertificate()}.
   *
   * @return the values
   */
  @Override
  default Map<String, String> configValues() {
    Map<String, String> values = new LinkedHashMap<>(RedisServer.super.configValues());
    values.put("redis.port", Integer.toString(tlsPort()));
    values.put("redis.tls.mode", "verify-full");
    values.put("redis.tls.ca_file", caCertificate().toString());
    return values;
  }
}
