package dev.citadel.client.testkit;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.assertj.core.api.Assertions.assertThat;

class TlsRedisIT {

  @Test
  void answersPingOverTlsToAClientTrustingTheCertificate() throws Exception {
    TlsRedisServer redis = CitadelTestKit.tlsRedis();
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(redis.caCertificate())) {
      trust.setCertificateEntry("redis", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);

    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(redis.host(), redis.tlsPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[7];
      assertThat(socket.getInputStream().readNBytes(reply, 0, 7)).isEqualTo(7);
      assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
    }
    assertThat(RedisIT.call(redis.host(), redis.port(), null, "PING")).isEqualTo("+PONG");
  }
}
