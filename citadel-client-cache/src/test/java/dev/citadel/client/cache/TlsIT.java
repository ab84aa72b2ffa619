package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.TlsException;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TlsRedisServer;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** TLS to a real redis-server whose certificate a throwaway CA from the test kit signed. */
class TlsIT {
  private static final TlsRedisServer SERVER = CitadelTestKit.tlsRedis();

  private static void roundTrip(RedisConfig.Builder redis) {
    try (CitadelCache cache = TestRedis.cache(redis, UnaryOperator.identity())) {
      String user = "u-" + UUID.randomUUID();
      String sid = cache.sessions().create(user, "over tls").sessionId();
      assertThat(cache.sessions().get(user, sid)).contains("over tls");
      assertThat(cache.health().healthy()).isTrue();
    }
  }

  @Test
  void verifiesTheServerAgainstTheConfiguredCaAndHostName() {
    roundTrip(TestRedis.redis(SERVER));
    roundTrip(RedisConfig.builder().url("rediss://localhost:" + SERVER.tlsPort())
        .tls(TlsOptions.builder().caFile(SERVER.caCertificate().toString()).build()));
  }

  @Test
  void anUntrustedCertificateIsRefusedUnlessVerificationIsOff() {
    try (CitadelCache cache = TestRedis.cache(TestRedis.redis(SERVER).tls(TlsMode.VERIFY_FULL),
        UnaryOperator.identity())) {
      assertThatThrownBy(() -> cache.metricsStore().gauge("tls.probe")).isInstanceOfSatisfying(TlsException.class,
          e -> assertThat(e.reason()).isEqualTo(TlsException.Reason.UNKNOWN_CA));
    }
    roundTrip(TestRedis.redis(SERVER).tls(TlsMode.REQUIRE));
  }
}
