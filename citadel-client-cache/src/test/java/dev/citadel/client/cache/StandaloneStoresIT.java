package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.memory.ChatMessage;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on one Redis server, each slot in its own database, plus what only applies there. */
class StandaloneStoresIT extends StoreContract {
  private static RedisServer server;
  private static CitadelCache cache;
  private static TestRedis.Raw raw;
  private static final Map<Slot, RedisClusterCommands<String, String>> DATABASES = new EnumMap<>(Slot.class);

  @BeforeAll
  static void start() {
    server = CitadelTestKit.redis();
    cache = TestRedis.cache(TestRedis.standalone(server), UnaryOperator.identity());
    raw = TestRedis.Raw.of(server);
    for (Slot slot : Slot.values()) {
      DATABASES.put(slot, raw.db(slot.database()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    cache.close();
    raw.close();
    DATABASES.clear();
  }

  @Override
  CitadelCache cache() {
    return cache;
  }

  @Override
  CitadelCache newCache(UnaryOperator<RedisConfig.Builder> tweak) {
    return TestRedis.cache(TestRedis.standalone(server), tweak);
  }

  @Override
  RedisClusterCommands<String, String> raw(Slot slot) {
    return DATABASES.get(slot);
  }

  @Override
  boolean hashTags() {
    return false;
  }

  @Test
  void eachSlotUsesTheDatabaseOfSeed004() throws Exception {
    for (Slot slot : Slot.values()) {
      assertThat(cache.database(slot)).isEqualTo(slot.ordinal());
    }
    String user = unique("u");
    String sid = cache.sessions().create(user, "s").sessionId();
    String endpoint = unique("e");
    cache.apiCache().put(endpoint, "r", "body");

    String sessionKey = "session:user:" + user + ":" + sid;
    String cacheKey = "cache:api:" + endpoint + ":" + sha256("r");
    assertThat(raw(Slot.SESSIONS).exists(sessionKey)).isOne();
    assertThat(raw(Slot.API_CACHE).exists(sessionKey)).as("not in DB 1").isZero();
    assertThat(raw(Slot.API_CACHE).exists(cacheKey)).isOne();
    assertThat(raw(Slot.SESSIONS).exists(cacheKey)).as("not in DB 0").isZero();
  }

  @Test
  void prefixMappingPutsEverySlotInDatabaseZeroAndKeyPrefixSeparatesEnvironments() {
    try (CitadelCache staging = newCache(b -> b.slotMapping(RedisConfig.SlotMapping.PREFIXES).keyPrefix("staging"))) {
      for (Slot slot : Slot.values()) {
        assertThat(staging.database(slot)).isZero();
      }
      String user = unique("u");
      String sid = staging.sessions().create(user, "s").sessionId();
      String conversation = unique("c");
      staging.memory().append(conversation, ChatMessage.of("user", "x"));

      assertThat(raw(Slot.SESSIONS).get("staging:session:user:" + user + ":" + sid)).isEqualTo("s");
      assertThat(raw(Slot.SESSIONS).exists("staging:ai:memory:conv:" + conversation)).isOne();
      assertThat(raw(Slot.MEMORY).exists("staging:ai:memory:conv:" + conversation)).as("not in DB 4").isZero();
      assertThat(cache.sessions().get(user, sid)).as("invisible without the prefix").isEmpty();
    }
  }
}
