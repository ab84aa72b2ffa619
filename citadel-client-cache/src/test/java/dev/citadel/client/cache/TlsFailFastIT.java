package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.TlsException;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestCertificates;
import dev.citadel.client.testkit.internal.EmbeddedTlsRedisServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A TLS handshake failure with Redis is a {@link TlsException} naming what failed, at the first
 * attempt: the client retries outages three times and a breaker opens after one outage, and the
 * kit's proxy in front of the TLS port counts connections. Two private TLS Redis servers: one
 * with a certificate for {@code localhost} only (reached as {@code 127.0.0.1}: host name
 * mismatch; with another CA: unknown CA), one whose certificate expired.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsFailFastIT {
  private TestCertificates valid;
  private TestCertificates expired;
  private TestCertificates otherCa;
  private EmbeddedTlsRedisServer server;
  private EmbeddedTlsRedisServer expiredServer;

  @BeforeAll
  void start() {
    valid = TestCertificates.generate("localhost");
    expired = TestCertificates.generateExpired("127.0.0.1", "localhost");
    otherCa = TestCertificates.generate("127.0.0.1", "localhost");
    server = EmbeddedTlsRedisServer.launch(valid);
    expiredServer = EmbeddedTlsRedisServer.launch(expired);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (expiredServer != null) {
      expiredServer.stop();
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

  private static void assertFailsFast(EmbeddedTlsRedisServer redis, Path ca, TlsException.Reason reason, String words) {
    try (TcpProxy proxy = TcpProxy.start("127.0.0.1", redis.tlsPort());
         CitadelCache cache = CitadelCache.create(CitadelConfig.builder().clientName("tls-fail-fast")
             .section(TestRedis.redis(redis).host(proxy.host()).port(proxy.port())
                 .tls(TlsOptions.builder().mode(TlsMode.VERIFY_FULL).caFile(ca.toString()).build()).build())
             .resilience(ResilienceConfig.builder().maxAttempts(3).initialDelay(Duration.ofMillis(20))
                 .failureThreshold(1).breakerDelay(Duration.ofMinutes(1)).build())
             .build())) {
      Throwable failure = catchThrowable(() -> cache.metricsStore().gauge("tls.probe"));
      assertThat(failure).isInstanceOfSatisfying(TlsException.class, e -> {
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.backend()).contains("redis");
      });
      assertThat(failure.getMessage()).contains(words).contains("redis.tls.mode");
      if (redis.password() != null && !redis.password().isEmpty()) {
        assertThat(failure.getMessage()).doesNotContain(redis.password());
      }
      assertThat(proxy.connectionsAccepted()).as("one connection attempt, not retried").isEqualTo(1);

      // A breaker that opens after one outage did not count it: the next call tries again.
      Throwable again = catchThrowable(() -> cache.metricsStore().gauge("tls.probe"));
      assertThat(again).isInstanceOf(TlsException.class);
      assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    }
  }
}
