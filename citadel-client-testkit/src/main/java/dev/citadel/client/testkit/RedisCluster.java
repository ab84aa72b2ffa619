package dev.citadel.client.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running Redis Cluster for tests, as returned by {@link CitadelTestKit#redisCluster()}: masters only, every hash
 * slot assigned, {@code cluster_state:ok} on every node before it is handed out.
 *
 * <p>Implementations are thread-safe. {@code toString()} never contains the password.
 */
public interface RedisCluster extends ConfigValues {

  /**
   * Tells where this cluster comes from.
   *
   * @return {@link ServerSource#EMBEDDED} or {@link ServerSource#EXTERNAL}
   */
  ServerSource source();

  /**
   * Returns the address of every master, as clients use it as a seed.
   *
   * @return {@code host:port} entries, at least one
   */
  List<String> nodes();

  /**
   * Returns the password of every node.
   *
   * @return the password, or {@code null} when the nodes need none
   */
  String password();

  /**
   * Returns a Redis URI of the first node, as a cluster client's seed.
   *
   * @return {@code redis://host:port} or {@code redis://:password@host:port}
   */
  String uri();

  /**
   * Returns this cluster as citadel-client's {@code redis.*} settings: cluster mode, the seed
   * nodes and the password when there is one.
   *
   * @return the values
   */
  @Override
  default Map<String, String> configValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("redis.mode", "cluster");
    values.put("redis.nodes", String.join(",", nodes()));
    if (password() != null) {
      values.put("redis.password", password());
    }
    return values;
  }
}
