package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.auth.ApiKeyRejectedException;
import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.auth.IssuedKey;
import dev.citadel.client.auth.RejectionReason;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: two client instances (each with its own PostgreSQL pool and Redis client) share the
 * Redis API-key cache; a key revoked through one is refused by the other, which had it cached,
 * within one second, and cached verifications do not touch PostgreSQL.
 */
class ApiKeyRevocationIT {
  private static final AuthConfig AUTH = AuthConfig.builder().keyPepper("revocation-it-pepper-0123")
      .cacheTtl(Duration.ofMinutes(5)).usageFlushInterval(Duration.ofHours(1)).build();

  @Test
  void revocationReachesAnotherInstanceWithinASecond() {
    RedisServer redis = CitadelTestKit.redis();
    AtomicInteger secondInstanceDbCalls = new AtomicInteger();
    CitadelMetrics counting = new CitadelMetrics() {
      @Override
      public void recordCall(String client, String backend, String operation, long nanos, boolean success) {
        secondInstanceDbCalls.incrementAndGet();
      }
    };
    try (TestDatabase testDb = CitadelTestKit.postgres().createDatabase();
        Database firstDb = Database.create(config(testDb));
        Database secondDb = Database.create(config(testDb), counting);
        CitadelCache firstCache = TestRedis.cache(TestRedis.standalone(redis), b -> b);
        CitadelCache secondCache = TestRedis.cache(TestRedis.standalone(redis), b -> b)) {
      firstDb.migrate();
      try (ApiKeys first = ApiKeys.create(firstDb, AUTH, firstCache.apiKeyCache());
          ApiKeys second = ApiKeys.create(secondDb, AUTH, secondCache.apiKeyCache())) {
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
  }

  private static CitadelConfig config(TestDatabase db) {
    return CitadelConfig.fromValues(TestConfig.of(db).with("client.name", "keys_it").values());
  }
}
