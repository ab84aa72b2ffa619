package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;
import dev.citadel.client.testkit.TestCertificates;
import dev.citadel.client.testkit.TlsRedisServer;

import java.nio.file.Path;
import java.util.List;

/**
 * An embedded Redis with a TLS port beside its plain one, serving a certificate for {@code 127.0.0.1} and
 * {@code localhost} signed by a throwaway CA from {@link TestCertificates} (deleted at JVM exit).
 */
public final class EmbeddedTlsRedisServer implements TlsRedisServer {

  private static final String INSTANCE_PREFIX = "redis-tls-";

  private final EmbeddedRedisServer server;
  private final int tlsPort;
  private final Path caCertificate;

  private EmbeddedTlsRedisServer(EmbeddedRedisServer server, int tlsPort, Path caCertificate) {
    this.server = server;
    this.tlsPort = tlsPort;
    this.caCertificate = caCertificate;
  }

  /**
   * Generates a certificate and starts the server with {@code tls-port}, not asking clients for certificates.
   *
   * @return the running server, stopped and deleted at JVM exit
   * @throws IllegalStateException when the platform has no binary or the server cannot start
   */
  public static EmbeddedTlsRedisServer launch() {
    TestCertificates certificates = TestCertificates.generate("127.0.0.1", "localhost");
    Shutdown.register("delete test TLS certificates", certificates::close);
    return launch(certificates);
  }

  /**
   * Starts a private server presenting {@code certificates}' server certificate (an expired one, or
   * one for other names, in tests of how clients report TLS failures); the caller stops it.
   *
   * @param certificates the caller's, used until the server stops
   * @return the running server
   */
  public static EmbeddedTlsRedisServer launch(TestCertificates certificates) {
    int tlsPort = FreePort.find();
    EmbeddedRedisServer server = EmbeddedRedisServer.launch(INSTANCE_PREFIX, FreePort::find, null, null,
        List.of("--tls-port", Integer.toString(tlsPort),
            "--tls-cert-file", certificates.serverCertificate().toString(),
            "--tls-key-file", certificates.serverKey().toString(),
            "--tls-ca-cert-file", certificates.caCertificate().toString(),
            "--tls-auth-clients", "no"));
    return new EmbeddedTlsRedisServer(server, tlsPort, certificates.caCertificate());
  }

  @Override
  public int tlsPort() {
    return tlsPort;
  }

  @Override
  public Path caCertificate() {
    return caCertificate;
  }

  @Override
  public ServerSource source() {
    return ServerSource.EMBEDDED;
  }

  @Override
  public String host() {
    return server.host();
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public String password() {
    return null;
  }

  @Override
  public String uri() {
    return server.uri();
  }

  @Override
  public boolean controllable() {
    return true;
  }

  @Override
  public void stop() {
    server.stop();
  }

  @Override
  public void start() {
    server.start();
  }

  @Override
  public String toString() {
    return "TlsRedisServer[source=EMBEDDED, " + host() + ":" + port() + ", tls port " + tlsPort + "]";
  }
}
