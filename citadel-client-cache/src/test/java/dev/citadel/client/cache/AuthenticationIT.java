package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A password- and ACL-protected Redis from the test kit. */
class AuthenticationIT {
  private static final RedisServer SECURED = CitadelTestKit.securedRedis();

  /** The kit's settings for the server without its credentials, which each test sets. */
  private static RedisConfig.Builder base() {
    return TestRedis.redis(SECURED).user(null).password("");
  }

  @Test
  void connectsWithThePasswordOfTheDefaultUser() {
    try (CitadelCache cache = TestRedis.cache(base().password(SECURED.password()), UnaryOperator.identity())) {
      String user = "u-" + UUID.randomUUID();
      String sid = cache.sessions().create(user, "v").sessionId();
      assertThat(cache.sessions().get(user, sid)).contains("v");
      assertThat(cache.health().healthy()).isTrue();
    }
  }

  @Test
  void connectsAsTheAclUserWithItsNameAndClientName() {
    try (CitadelCache cache = TestRedis.cache(
        base().user(SECURED.username()).password(SECURED.password()).clientName("acl-probe"),
        UnaryOperator.identity());
        TestRedis.Raw raw = TestRedis.Raw.of(SECURED)) {
      cache.metricsStore().gauge("auth.probe", 1);
      String clients = raw.db(0).clientList();
      assertThat(clients.lines().filter(l -> l.contains(" name=acl-probe ")))
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains(" user=" + SECURED.username()));
    }
  }

  @Test
  void connectsWithAUrlCarryingUserAndPassword() {
    try (CitadelCache cache = TestRedis.cache(base().url(SECURED.uri()), UnaryOperator.identity())) {
      assertThat(cache.metricsStore().increment("auth.url")).isPositive();
      assertThat(cache.config().toString()).doesNotContain(SECURED.password());
    }
  }

  @Test
  void aWrongPasswordIsAConfigErrorThatNeverShowsThePassword() {
    String wrong = "Wrong-" + UUID.randomUUID();
    try (CitadelCache cache = TestRedis.cache(
        base().user(SECURED.username()).password(wrong), UnaryOperator.identity())) {
      assertThatThrownBy(() -> cache.sessions().get("u", "s"))
          .isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.key()).isEqualTo("redis.password");
            assertThat(e.getMessage()).contains("WRONGPASS").doesNotContain(wrong);
          });
      assertThat(cache.health().check("redis.ping").orElseThrow().detail()).doesNotContain(wrong);
    }
  }

  @Test
  void noPasswordAgainstAProtectedServerIsAConfigError() {
    try (CitadelCache cache = CitadelCache.create(CitadelConfig.builder()
        .section(base().build()).resilience(TestRedis.FAST_RESILIENCE).build())) {
      assertThatThrownBy(() -> cache.metricsStore().gauge("x")).isInstanceOf(ConfigException.class);
    }
  }
}
