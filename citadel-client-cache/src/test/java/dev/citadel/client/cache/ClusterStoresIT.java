package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisCluster;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real 3-master Redis Cluster from the test kit (redis-server processes),
 * where every slot lives in DB 0 and multi-key operations rely on hash tags.
 */
class ClusterStoresIT extends StoreContract {
  private static RedisCluster cluster;
  private static CitadelCache cache;
  private static TestRedis.Raw raw;
  private static RedisClusterCommands<String, String> commands;

  @BeforeAll
  static void start() {
    cluster = CitadelTestKit.redisCluster();
    cache = TestRedis.cache(TestRedis.cluster(cluster), UnaryOperator.identity());
    raw = TestRedis.Raw.of(cluster);
    commands = raw.db(0);
  }

  @AfterAll
  static void stop() throws Exception {
    cache.close();
    raw.close();
  }

  @Override
  CitadelCache cache() {
    return cache;
  }

  @Override
  CitadelCache newCache(UnaryOperator<RedisConfig.Builder> tweak) {
    return TestRedis.cache(TestRedis.cluster(cluster), tweak);
  }

  @Override
  RedisClusterCommands<String, String> raw(Slot slot) {
    return commands;
  }

  @Override
  boolean hashTags() {
    return true;
  }

  @Test
  void everySlotIsInDatabaseZeroAndKeysOfOneOperationShareAHashSlot() {
    for (Slot slot : Slot.values()) {
      assertThat(cache.database(slot)).isZero();
    }
    assertThat(cache.config().effectiveSlotMapping()).isEqualTo(RedisConfig.SlotMapping.PREFIXES);
    assertSameSlot("session:user:{42}:s1", "session:user:{42}:s2", "session:index:{42}");
    assertSameSlot("queue:{n8n}:pending", "queue:{n8n}:processing", "queue:{n8n}:claims", "queue:{n8n}:jobs",
        "queue:{n8n}:attempts", "queue:{n8n}:errors", "queue:{n8n}:dead");
    assertSameSlot("lock:{document:7}", "lock:{document:7}:fence");
    assertSameSlot("cache:api:{v1-chat}:aa", "cache:api:{v1-chat}:bb");
    // ...while different users, queues and locks spread over the nodes.
    long distinct = List.of("a", "b", "c", "d", "e", "f", "g", "h").stream()
        .map(u -> commands.clusterKeyslot("session:index:{" + u + "}"))
        .map(slot -> slot * 3 / 16384).distinct().count();
    assertThat(distinct).isGreaterThan(1);
  }

  private static void assertSameSlot(String... keys) {
    long first = commands.clusterKeyslot(keys[0]);
    for (String key : keys) {
      assertThat(commands.clusterKeyslot(key)).as(key).isEqualTo(first);
    }
  }
}
