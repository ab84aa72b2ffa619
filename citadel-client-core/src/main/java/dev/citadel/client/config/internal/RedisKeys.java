package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.sectionKey;

import dev.citadel.client.config.internal.ConfigKeys.Kind;
import java.time.Duration;

/** The {@code redis:} section's keys (owned by the cache module's needs). */
final class RedisKeys {
  private RedisKeys() {}

  static void register() {
    sectionKey("redis.host", Kind.TEXT, (d, v) -> d.redis.host((String) v));
    sectionKey("redis.port", Kind.INT, (d, v) -> d.redis.port((Integer) v));
    sectionKey("redis.username", Kind.TEXT, (d, v) -> d.redis.username((String) v));
    sectionKey("redis.password", Kind.SECRET, (d, v) -> d.redis.password((String) v));
    sectionKey("redis.cache.default_ttl", Kind.DURATION, (d, v) -> d.redis.defaultTtl((Duration) v));
    sectionKey("redis.cache.max_memory", Kind.TEXT, (d, v) -> d.redis.maxMemory((String) v));
    sectionKey("redis.cache.eviction_policy", Kind.TEXT, (d, v) -> d.redis.evictionPolicy((String) v));
  }
}
