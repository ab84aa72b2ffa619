package dev.citadel.client.testkit;

import java.util.List;

/**
 * A Redis master watched by Sentinel, as returned by {@link CitadelTestKit#redisSentinel()}: clients ask the
 * Sentinels for the address of the master named {@link #masterName()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface RedisSentinel {

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
}
