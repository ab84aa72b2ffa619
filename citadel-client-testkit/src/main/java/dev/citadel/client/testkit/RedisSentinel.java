package dev.citadel.client.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Redis master watched by Sentinel, as returned by {@link CitadelTestKit#redisSentinel()}: clients ask the
 * Sentinels for the address of the master named {@link #masterName()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface RedisSentinel extends ConfigValues {

  /**
   * Returns the address of every Sentinel.
   *
   * @return {@code host:port} entries, at least one
   */
  List<String> sentinels();

  /**
   * Returns the name the Sentinels know the master by.
   *
   * @return the master name, e.g. {@code mymaster}
   */
  String masterName();

  /**
   * Returns the master itself, for reading back what clients wrote through the Sentinels.
   *
   * @return the master server
   */
  RedisServer master();

  /**
   * Returns this setup as citadel-client's {@code redis.*} settings: sentinel mode, the Sentinels
   * as nodes, the master's name and the master's password when it has one.
   *
   * @return the values
   */
  @Override
  default Map<String, String> configValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("redis.mode", "sentinel");
    values.put("redis.nodes", String.join(",", sentinels()));
    values.put("redis.sentinel.master", masterName());
    if (master().password() != null) {
      values.put("redis.password", master().password());
    }
    return values;
  }
}
