package dev.citadel.client.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ready configuration values, without starting a server. */
class TestConfigTest {

  private static final ConfigValues DATABASE = () -> Map.of("database.host", "db.test", "database.port", "5999");

  @Test
  void serversGiveTheirValuesOverTheTestDefaults() {
    TestConfig config = CitadelTestKit.config(DATABASE, () -> Map.of("client.name", "mine"));
    assertThat(config.values())
        .containsEntry("database.host", "db.test")
        .containsEntry("database.pool.wait_timeout", "10s")
        .containsEntry("resilience.retry.initial_delay", "20ms")
        .containsEntry("client.name", "mine");
    assertThat(CitadelTestKit.config().values()).doesNotContainKey("database.pool.wait_timeout");
  }

  @Test
  void withAndWithoutReturnCopies() {
    TestConfig base = TestConfig.of(DATABASE);
    TestConfig more = base.with("database.port", 6000).with("redis.host", "r");
    assertThat(base.values()).containsEntry("database.port", "5999").doesNotContainKey("redis.host");
    assertThat(more.values()).containsEntry("database.port", "6000");
    assertThat(more.without("redis").values()).doesNotContainKey("redis.host");
  }

  @Test
  void passwordsAreMaskedInText() {
    TestConfig config = TestConfig.of(() -> Map.of("redis.password", "s3cret-pw", "redis.host", "r"));
    assertThat(config.toString()).doesNotContain("s3cret-pw").contains("redis.host=r");
  }

  @Test
  void clusterAndSentinelValuesNameTheirMode() {
    RedisCluster cluster = new RedisCluster() {
      @Override
      public ServerSource source() {
        return ServerSource.EXTERNAL;
      }

      @Override
      public List<String> nodes() {
        return List.of("h1:7000", "h2:7001");
      }

      @Override
      public String password() {
        return null;
      }

      @Override
      public String uri() {
        return "redis://h1:7000";
      }
    };
    assertThat(cluster.configValues())
        .containsExactlyInAnyOrderEntriesOf(Map.of("redis.mode", "cluster", "redis.nodes", "h1:7000,h2:7001"));
  }
}
