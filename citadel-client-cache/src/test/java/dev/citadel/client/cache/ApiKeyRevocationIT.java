package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.auth.ApiKeyRejectedException;
import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.auth.IssuedKey;
import dev.citadel.client.auth.RejectionReason;
import dev.citadel.client.auth.RevocationNotPropagatedException;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.testkit.internal.EmbeddedRedisServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: two client instances (each with its own PostgreSQL pool and Redis client) share the
 * Redis API-key cache; a key revoked through one is refused by the other, which had it cached,
 * within one second, and cached verifications do not touch PostgreSQL. Issue 13: a revocation
 * whose tombstone cannot be written (Redis stopped) fails typed, and the tombstone follows once
 * Redis is back.
 */
class ApiKeyRevocationIT {
  private static final AuthConfig AUTH = AuthConfig.builder().keyPepper("revocation-it-pepper-0123")
      .cacheTtl(Duration.ofMinutes(5)).usageFlushInterval(Duration.ofHours(1)).build();

  @Test
  void revocationReachesAnotherInstanceWithinASecond() {
    AtomicInteger secondInstanceDbCalls = new AtomicInteger();
    CitadelMetrics counting = new CitadelMetrics() {
      @Override
      public void recordCall(String client, String backend, String operation, long nanos, boolean success) {
        secondInstanceDbCalls.incrementAndGet();
      }
    };
    try (TwoInstances instances = new TwoInstances(CitadelTestKit.redis(), counting)) {
      ApiKeys first = instances.first;
      ApiKeys second = instances.second;
      IssuedKey issued = first.issue("svc", Set.of("chat"), Set.of(), null, null);
      assertThat(second.authenticate(issued.plaintext()).owner()).isEqualTo("svc");
      int afterFirstLookup = secondInstanceDbCalls.get();
      for (int i = 0; i < 10; i++) {
        second.authenticate(issued.plaintext());
      }
      assertThat(secondInstanceDbCalls.get()).as("served from Redis").isEqualTo(afterFirstLookup);

      first.revoke(issued.id());
      await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
          assertThatThrownBy(() -> second.authenticate(issued.plaintext()))
              .isInstanceOf(ApiKeyRejectedException.class)
              .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.REVOKED));
    }
  }

  @Test
  void aRevocationWhoseTombstoneCannotBeWrittenFailsTypedAndTheTombstoneFollowsWhenRedisIsBack() {
    EmbeddedRedisServer redis = EmbeddedRedisServer.launch(); // private: this test stops it
    try (TwoInstances instances = new TwoInstances(redis, CitadelMetrics.NOOP)) {
      ApiKeys first = instances.first;
      IssuedKey issued = first.issue("svc", Set.of("chat"), Set.of(), null, null);
      assertThat(first.authenticate(issued.plaintext()).owner()).isEqualTo("svc");
      assertThat(instances.secondCache.apiKeyCache().get(issued.prefix())).as("cached").isPresent();

      redis.stop();
      try {
        long start = System.nanoTime();
        assertThatThrownBy(() -> first.revoke(issued.id()))
            .isInstanceOfSatisfying(RevocationNotPropagatedException.class, e -> {
              assertThat(e.keyId()).isEqualTo(issued.id());
              assertThat(e.prefix()).isEqualTo(issued.prefix());
              assertThat(e.staleFor()).isEqualTo(AUTH.cacheTtl());
              assertThat(e.backend()).isEqualTo("redis");
              assertThat(e.getMessage()).contains("revoked in PostgreSQL").doesNotContain(issued.plaintext());
            });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> first.authenticate(issued.plaintext())).as("this process stops trusting the cache")
            .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.REVOKED);
      } finally {
        redis.start();
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(instances.secondCache.apiKeyCache().get(issued.prefix()))
              .as("tombstone written in the background")
              .hasValueSatisfying(entry -> assertThat(entry.revoked()).isTrue()));
      assertThatThrownBy(() -> instances.second.authenticate(issued.plaintext()))
          .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.REVOKED);
      first.revoke(issued.id()); // revoking again succeeds once the tombstone can be written
    } finally {
      redis.stop();
    }
  }

  /** Two instances on one fresh database and one Redis, each with its own pool and Redis client. */
  private static final class TwoInstances implements AutoCloseable {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    final ApiKeys first;
    final ApiKeys second;
    final CitadelCache secondCache;

    TwoInstances(RedisServer redis, CitadelMetrics secondDbMetrics) {
      try {
        TestDatabase testDb = open(CitadelTestKit.postgres().createDatabase());
        Database firstDb = open(Database.create(config(testDb)));
        Database secondDb = open(Database.create(config(testDb), secondDbMetrics));
        CitadelCache firstCache = open(TestRedis.cache(TestRedis.standalone(redis), b -> b));
        secondCache = open(TestRedis.cache(TestRedis.standalone(redis), b -> b));
        firstDb.migrate();
        first = open(ApiKeys.create(firstDb, AUTH, firstCache.apiKeyCache()));
        second = open(ApiKeys.create(secondDb, AUTH, secondCache.apiKeyCache()));
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    private <T extends AutoCloseable> T open(T resource) {
      opened.push(resource);
      return resource;
    }

    @Override
    public void close() {
      RuntimeException failure = null;
      while (!opened.isEmpty()) {
        try {
          opened.pop().close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new IllegalStateException("closing the test instances failed", e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static CitadelConfig config(TestDatabase db) {
    return CitadelConfig.fromValues(TestConfig.of(db).with("client.name", "keys_it").values());
  }
}
