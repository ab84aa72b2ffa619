package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.CitadelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a client goes for each way of configuring it; creating a client connects nowhere. */
class ConnectionSettingsTest {

  private static String target(RedisConfig redis) {
    try (CitadelCache cache = CitadelCache.create(CitadelConfig.builder().section(redis).build())) {
      return cache.toString();
    }
  }

  @Test
  void hostPortUrlSentinelAndClusterSettingsNameTheirTargetsWithoutSecrets() {
    assertThat(target(RedisConfig.builder().host("cache.internal").port(6380).build()))
        .contains("cache.internal:6380");
    assertThat(target(RedisConfig.builder().url("redis://:pw-123@url.internal:6390/0").build()))
        .contains("url.internal:6390").doesNotContain("pw-123");
    assertThat(target(RedisConfig.builder().url("redis-sentinel://pw-123@s1:26379,s2:26380#orders").build()))
        .contains("sentinel master orders").doesNotContain("pw-123");
    assertThat(target(RedisConfig.builder().mode(RedisConfig.Mode.SENTINEL).sentinelMaster("main")
        .nodes(List.of("s1:26379")).build())).contains("sentinel master main");
    assertThat(target(RedisConfig.builder().mode(RedisConfig.Mode.CLUSTER)
        .nodes(List.of("n1:7000", "[::1]:7001")).build())).contains("cluster [n1:7000, ::1:7001]");
  }

  @Test
  void databasesFollowTheSlotMapping() {
    try (CitadelCache cache = CitadelCache.create(CitadelConfig.builder()
        .section(RedisConfig.builder().build()).build())) {
      assertThat(cache.database(Slot.METRICS)).isEqualTo(7);
    }
    try (CitadelCache cache = CitadelCache.create(CitadelConfig.builder()
        .section(RedisConfig.builder().slotMapping(RedisConfig.SlotMapping.PREFIXES).build()).build())) {
      assertThat(cache.database(Slot.METRICS)).isZero();
    }
  }
}
