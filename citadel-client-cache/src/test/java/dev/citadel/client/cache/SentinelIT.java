package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisSentinel;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sentinel mode: the client asks a real Sentinel (test kit) where the master is. */
class SentinelIT {

  @Test
  void storesReachTheMasterNamedByTheSentinels() {
    RedisSentinel sentinel = CitadelTestKit.redisSentinel();
    RedisConfig redis = TestRedis.redis(sentinel).build();
    try (CitadelCache cache = CitadelCache.create(CitadelConfig.builder().section(redis)
        .resilience(TestRedis.FAST_RESILIENCE).build());
        TestRedis.Raw raw = TestRedis.Raw.of(sentinel.master())) {
      String user = "u-" + UUID.randomUUID();
      String sid = cache.sessions().create(user, "via-sentinel").sessionId();
      cache.metricsStore().gauge("sentinel.probe", 2.5);

      assertThat(cache.toString()).contains("sentinel master " + sentinel.masterName());
      assertThat(raw.db(0).get("session:user:" + user + ":" + sid)).isEqualTo("via-sentinel");
      assertThat(raw.db(7).get("metrics:gauge:sentinel.probe")).isEqualTo("2.5");
      assertThat(cache.health().healthy()).isTrue();
    }
  }
}
