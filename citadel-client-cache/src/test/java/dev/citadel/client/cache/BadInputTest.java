package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.lock.DistributedLocks;
import dev.citadel.client.cache.ratelimit.RateLimit;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.metrics.CitadelMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arguments the stores refuse before any I/O: the client points at a port where nothing listens,
 * and the metrics hook proves no call to Redis was made.
 */
class BadInputTest {
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static CitadelCache cache;

  @BeforeAll
  static void create() {
    CitadelMetrics counting = new CitadelMetrics() {
      @Override
      public void recordCall(String client, String backend, String operation, long nanos, boolean success) {
        CALLS.incrementAndGet();
      }
    };
    cache = CitadelCache.create(CitadelConfig.builder()
        .section(RedisConfig.builder().host("127.0.0.1").port(1).maxValueSize(1024).build()).build(), counting);
  }

  @AfterAll
  static void close() {
    cache.close();
    assertThat(CALLS).as("no call reached the Redis path").hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a:b", "a b", "a*", "a?", "[a]", "a\\b", "{tag}", "tab\t", "x\n"})
  void malformedIdsAreRefusedEverywhere(String id) {
    assertThatThrownBy(() -> cache.sessions().get(id, "s"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("userId"));
    assertThatThrownBy(() -> cache.sessions().get("u", id))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("sessionId"));
    assertThatThrownBy(() -> cache.apiCache().get(id, "r")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.queue(id)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.pubSub().publish("d", id, "m")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.memory().size(id)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.rateLimiter().tryAcquire("api", id, RateLimit.perSecond(1)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.locks().tryAcquire("r", id)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.metricsStore().increment(id)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void overlongIdsAndNullsAreRefused() {
    assertThatThrownBy(() -> cache.sessions().get("u".repeat(257), "s"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at most 256");
    assertThatThrownBy(() -> cache.sessions().get(null, "s")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.sessions().create("u", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void ttlsOutsideTheirBoundsAreRefused() {
    assertThatThrownBy(() -> cache.apiCache().put("e", "r", "v", Duration.ofSeconds(59)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("ttl"));
    assertThatThrownBy(() -> cache.apiCache().getOrCompute("e", "r", Duration.ofDays(2), () -> "v"))
        .isInstanceOf(InvalidArgumentException.class);
    DistributedLocks locks = cache.locks();
    assertThatThrownBy(() -> locks.tryAcquire("r", "i", Duration.ofMillis(5), Duration.ZERO))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> locks.tryAcquire("r", "i", Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.metricsStore().count("m", Duration.ofMinutes(10)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void oversizedValuesAreRefusedWithTheirSize() {
    String big = "x".repeat(1025);
    assertThatThrownBy(() -> cache.sessions().create("u", big))
        .isInstanceOfSatisfying(ValueTooLargeException.class, e -> {
          assertThat(e.size()).isEqualTo(1025);
          assertThat(e.limit()).isEqualTo(1024);
          assertThat(e.getMessage()).doesNotContain(big);
          assertThat(e).isInstanceOf(InvalidArgumentException.class);
          assertThat(e.argument()).isEqualTo("data");
        });
    assertThatThrownBy(() -> cache.apiCache().put("e", "r", big)).isInstanceOf(ValueTooLargeException.class);
    assertThatThrownBy(() -> cache.queue("q").enqueue(big)).isInstanceOf(ValueTooLargeException.class);
    assertThatThrownBy(() -> cache.pubSub().publish("d", "e", big)).isInstanceOf(ValueTooLargeException.class);
    assertThatThrownBy(() -> cache.memory(ValueCodec.utf8()).append("c", big))
        .isInstanceOf(ValueTooLargeException.class);
  }

  @Test
  void limitsAndCountsMustBePositive() {
    assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> RateLimit.of(5, Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.rateLimiter().tryAcquire("api", "u", RateLimit.perSecond(2), 3))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("permits"));
    assertThatThrownBy(() -> cache.memory().last("c", 0)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.queue("q").deadLetters(0)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> cache.metricsStore().gauge("g", Double.NaN)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void aConfigWithoutRedisSectionIsAConfigError() {
    assertThatThrownBy(() -> CitadelCache.create(CitadelConfig.builder().build()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("redis"));
  }
}
