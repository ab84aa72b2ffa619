package dev.citadel.client.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.TlsException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestCertificates;
import dev.citadel.client.vector.support.VectorTestConfigs;
import dev.citadel.qdrant.local.QdrantLocalServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A TLS handshake failure with Qdrant is a {@link TlsException} naming what failed, at the first
 * attempt: the client retries outages three times and a breaker opens after one outage, and the
 * kit's proxy in front of the server counts connections. Two private TLS Qdrant servers (the
 * local server): one with a certificate for {@code localhost} only (reached as
 * {@code 127.0.0.1}: host name mismatch; with another CA: unknown CA), one whose certificate
 * expired.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsFailFastIT {
  private TestCertificates valid;
  private TestCertificates expired;
  private TestCertificates otherCa;
  private QdrantLocalServer server;
  private QdrantLocalServer expiredServer;

  @BeforeAll
  void start() {
    valid = TestCertificates.generate("localhost");
    expired = TestCertificates.generateExpired("127.0.0.1", "localhost");
    otherCa = TestCertificates.generate("127.0.0.1", "localhost");
    server = QdrantLocalServer.builder().tls(valid.serverCertificate(), valid.serverKey()).start();
    expiredServer = QdrantLocalServer.builder().tls(expired.serverCertificate(), expired.serverKey()).start();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (expiredServer != null) {
      expiredServer.close();
    }
    valid.close();
    expired.close();
    otherCa.close();
  }

  @Test
  void anUntrustedCaFailsFastAsUnknownCa() {
    assertFailsFast(server, otherCa.caCertificate(), TlsException.Reason.UNKNOWN_CA, "unknown CA");
  }

  @Test
  void aHostNameTheCertificateDoesNotNameFailsFastAsHostNameMismatch() {
    assertFailsFast(server, valid.caCertificate(), TlsException.Reason.HOST_NAME_MISMATCH, "host name mismatch");
  }

  @Test
  void anExpiredCertificateFailsFastAsExpired() {
    assertFailsFast(expiredServer, expired.caCertificate(), TlsException.Reason.EXPIRED, "certificate expired");
  }

  private static void assertFailsFast(QdrantLocalServer qdrant, Path ca, TlsException.Reason reason, String words) {
    try (TcpProxy proxy = TcpProxy.start("127.0.0.1", qdrant.port())) {
      CitadelConfig config = VectorTestConfigs.vectors(VectorTestConfigs.qdrant(CitadelTestKit.qdrant(qdrant))
              .host(proxy.host()).port(proxy.port())
              .tls(TlsOptions.builder().mode(TlsMode.VERIFY_FULL).caFile(ca.toString()).build()).build())
          .toBuilder()
          .resilience(ResilienceConfig.builder().maxAttempts(3).initialDelay(Duration.ofMillis(20))
              .failureThreshold(1).breakerDelay(Duration.ofMinutes(1)).build())
          .build();
      try (CitadelVectors vectors = CitadelVectors.create(config)) {
        Throwable failure = catchThrowable(() -> vectors.count("anything", VectorFilter.none()));
        assertThat(failure).isInstanceOfSatisfying(TlsException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.backend()).contains("qdrant");
        });
        assertThat(failure.getMessage()).contains(words).contains("qdrant.tls.mode");
        assertThat(proxy.connectionsAccepted()).as("one connection attempt, not retried").isEqualTo(1);

        // A breaker that opens after one outage did not count it: the next call is a TLS failure again.
        assertThat(catchThrowable(() -> vectors.count("anything", VectorFilter.none()))).isInstanceOf(TlsException.class);
      }
    }
  }
}
