package dev.citadel.client.cache.support;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.RedisCluster;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.internal.EmbeddedRedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Configs pointing at the test kit's servers, and plain Lettuce connections (not the stores) to
 * read what the stores wrote.
 */
public final class TestRedis {
  /** Quick retries and a breaker that reopens fast, so outage tests stay short. */
  public static final ResilienceConfig FAST_RESILIENCE = ResilienceConfig.builder()
      .maxAttempts(2)
      .initialDelay(Duration.ofMillis(10))
      .maxDelay(Duration.ofMillis(50))
      .jitter(0)
      .maxRetryDuration(Duration.ofSeconds(5))
      .failureThreshold(3)
      .breakerDelay(Duration.ofMillis(500))
      .successThreshold(1)
      .build();

  private TestRedis() {}

  /** The test kit's settings for {@code server} (TLS, cluster and Sentinel included), with test timeouts. */
  public static RedisConfig.Builder redis(ConfigValues server) {
    return CitadelConfig.fromValues(server.configValues()).section(RedisConfig.class).orElseThrow().toBuilder()
        .commandTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(5));
  }

  public static RedisConfig.Builder standalone(RedisServer server) {
    return redis(server);
  }

  public static RedisConfig.Builder cluster(RedisCluster cluster) {
    return redis(cluster);
  }

  /**
   * A Redis server of this test's own, for tests that stop or restart it (the shared
   * {@code CitadelTestKit.redis()} must stay up for every other test of the JVM). The test kit has
   * no public factory for one yet, so this is the one place that reaches into its internals.
   * Close it to stop it; the kit deletes its files at JVM exit.
   */
  public static PrivateServer privateServer() {
    return new PrivateServer(EmbeddedRedisServer.launch());
  }

  /** A controllable embedded Redis owned by one test. */
  public record PrivateServer(RedisServer server) implements AutoCloseable {
    @Override
    public void close() {
      server.stop();
    }
  }

  public static CitadelCache cache(RedisConfig.Builder redis, UnaryOperator<RedisConfig.Builder> tweak) {
    return CitadelCache.create(CitadelConfig.builder().clientName("cache-it")
        .section(tweak.apply(redis).build()).resilience(FAST_RESILIENCE).build());
  }

  /** Plain connections for reading back, closed together. */
  public static final class Raw implements AutoCloseable {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final RedisServer server;
    private final RedisCluster cluster;

    private Raw(RedisServer server, RedisCluster cluster) {
      this.server = server;
      this.cluster = cluster;
    }

    public static Raw of(RedisServer server) {
      return new Raw(server, null);
    }

    public static Raw of(RedisCluster cluster) {
      return new Raw(null, cluster);
    }

    /** A connection to database {@code db} (ignored for a cluster, which has only DB 0). */
    public RedisClusterCommands<String, String> db(int db) {
      if (cluster != null) {
        List<RedisURI> seeds = new ArrayList<>();
        for (String node : cluster.nodes()) {
          int colon = node.lastIndexOf(':');
          RedisURI.Builder uri = RedisURI.builder().withHost(node.substring(0, colon))
              .withPort(Integer.parseInt(node.substring(colon + 1)));
          if (cluster.password() != null) {
            uri.withPassword(cluster.password().toCharArray());
          }
          seeds.add(uri.build());
        }
        RedisClusterClient client = RedisClusterClient.create(seeds);
        StatefulRedisClusterConnection<String, String> c = client.connect();
        resources.add(client::shutdown);
        resources.add(c);
        return c.sync();
      }
      RedisURI.Builder uri = RedisURI.builder().withHost(server.host()).withPort(server.port()).withDatabase(db);
      if (server.password() != null) {
        uri.withPassword(server.password().toCharArray());
      }
      RedisClient client = RedisClient.create(uri.build());
      StatefulRedisConnection<String, String> c = client.connect();
      resources.add(client::shutdown);
      resources.add(c);
      return c.sync();
    }

    @Override
    public void close() {
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          throw new IllegalStateException("closing a read-back connection failed", e);
        }
      }
    }
  }
}
