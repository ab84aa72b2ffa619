package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.asList;
import static dev.citadel.client.config.internal.ConfigKeys.sectionKey;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.RedisConfig;
import dev.citadel.client.config.internal.ConfigKeys.Kind;
import java.time.Duration;

/** The {@code redis:} section's keys (owned by the cache module's needs). */
final class RedisKeys {
  private RedisKeys() {}

  static void register() {
    sectionKey("redis.host", Kind.TEXT, (d, v) -> d.redis.host((String) v));
    sectionKey("redis.port", Kind.INT, (d, v) -> d.redis.port((Integer) v));
    sectionKey("redis.url", Kind.SECRET, (d, v) -> d.redis.url((String) v));
    sectionKey("redis.username", Kind.TEXT, (d, v) -> d.redis.username((String) v));
    sectionKey("redis.password", Kind.SECRET, (d, v) -> d.redis.password((String) v));
    sectionKey("redis.mode", Kind.TEXT, (d, v) -> d.redis.mode(RedisConfig.Mode.parse((String) v)));
    sectionKey("redis.nodes", Kind.LIST, (d, v) -> d.redis.nodes(asList(v)));
    sectionKey("redis.sentinel.master", Kind.TEXT, (d, v) -> d.redis.sentinelMaster((String) v));
    sectionKey("redis.sentinel.password", Kind.SECRET, (d, v) -> d.redis.sentinelPassword((String) v));
    sectionKey("redis.tls.enabled", Kind.BOOL, (d, v) -> d.redis.tls((Boolean) v));
    sectionKey("redis.tls.verify", Kind.TEXT,
        (d, v) -> d.redis.tlsVerify(RedisConfig.TlsVerify.parse((String) v)));
    sectionKey("redis.tls.ca_cert", Kind.TEXT, (d, v) -> d.redis.tlsCaCert((String) v));
    sectionKey("redis.client_name", Kind.TEXT, (d, v) -> d.redis.clientName((String) v));
    sectionKey("redis.connect_timeout", Kind.DURATION, (d, v) -> d.redis.connectTimeout((Duration) v));
    sectionKey("redis.command_timeout", Kind.DURATION, (d, v) -> d.redis.commandTimeout((Duration) v));
    sectionKey("redis.key_prefix", Kind.TEXT, (d, v) -> d.redis.keyPrefix((String) v));
    sectionKey("redis.slot_mapping", Kind.TEXT,
        (d, v) -> d.redis.slotMapping(RedisConfig.SlotMapping.parse((String) v)));
    sectionKey("redis.max_value_size", Kind.TEXT, (d, v) -> d.redis.maxValueSize(size("redis.max_value_size", v)));
    sectionKey("redis.cache.default_ttl", Kind.DURATION, (d, v) -> d.redis.defaultTtl((Duration) v));
    sectionKey("redis.cache.min_ttl", Kind.DURATION, (d, v) -> d.redis.minTtl((Duration) v));
    sectionKey("redis.cache.max_ttl", Kind.DURATION, (d, v) -> d.redis.maxTtl((Duration) v));
    sectionKey("redis.cache.max_memory", Kind.TEXT, (d, v) -> d.redis.maxMemory((String) v));
    sectionKey("redis.cache.eviction_policy", Kind.TEXT, (d, v) -> d.redis.evictionPolicy((String) v));
    sectionKey("redis.session.ttl", Kind.DURATION, (d, v) -> d.redis.sessionTtl((Duration) v));
    sectionKey("redis.memory.ttl", Kind.DURATION, (d, v) -> d.redis.memoryTtl((Duration) v));
    sectionKey("redis.memory.max_messages", Kind.INT, (d, v) -> d.redis.memoryMaxMessages((Integer) v));
    sectionKey("redis.queue.visibility_timeout", Kind.DURATION,
        (d, v) -> d.redis.queueVisibilityTimeout((Duration) v));
    sectionKey("redis.queue.max_attempts", Kind.INT, (d, v) -> d.redis.queueMaxAttempts((Integer) v));
    sectionKey("redis.lock.ttl", Kind.DURATION, (d, v) -> d.redis.lockTtl((Duration) v));
    sectionKey("redis.metrics.ttl", Kind.DURATION, (d, v) -> d.redis.metricsTtl((Duration) v));
    sectionKey("redis.metrics.bucket", Kind.DURATION, (d, v) -> d.redis.metricsBucket((Duration) v));
  }

  private static int size(String key, Object value) {
    long bytes = RedisConfig.parseBytes(key, (String) value);
    if (bytes > Integer.MAX_VALUE) {
      throw new ConfigException(key, "must be at most 512mb, was '" + value + "'");
    }
    return (int) bytes;
  }
}
