package dev.citadel.client.cache.internal;

import dev.citadel.client.ConfigException;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.config.spi.ConfigKey.Kind;
import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.config.spi.ConfigSection;
import dev.citadel.client.config.spi.TlsKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code redis:} section's keys, contributed to core's one loader (ServiceLoader entry). */
public final class RedisConfigSection extends ConfigSection<RedisConfigSection.Draft, RedisConfig> {

  /** The builder one load fills in, and the TLS builder its two keys share. */
  public static final class Draft {
    final RedisConfig.Builder redis = RedisConfig.builder();
    final TlsOptions.Builder tls = RedisConfig.DEFAULT_TLS.toBuilder();
  }

  private static final List<ConfigKey<Draft>> STORE_KEYS = List.of(
      text("redis.client_name", RedisConfig.Builder::clientName),
      duration("redis.connect_timeout", RedisConfig.Builder::connectTimeout),
      duration("redis.command_timeout", RedisConfig.Builder::commandTimeout),
      text("redis.key_prefix", RedisConfig.Builder::keyPrefix),
      ConfigKey.<Draft, String>of("redis.slot_mapping", Kind.TEXT,
          (d, v) -> d.redis.slotMapping(RedisConfig.SlotMapping.parse(v))),
      ConfigKey.<Draft, String>of("redis.max_value_size", Kind.TEXT,
          (d, v) -> d.redis.maxValueSize(size("redis.max_value_size", v))),
      duration("redis.cache.default_ttl", RedisConfig.Builder::defaultTtl),
      duration("redis.cache.min_ttl", RedisConfig.Builder::minTtl),
      duration("redis.cache.max_ttl", RedisConfig.Builder::maxTtl),
      text("redis.cache.max_memory", RedisConfig.Builder::maxMemory),
      text("redis.cache.eviction_policy", RedisConfig.Builder::evictionPolicy),
      duration("redis.session.ttl", RedisConfig.Builder::sessionTtl),
      duration("redis.memory.ttl", RedisConfig.Builder::memoryTtl),
      ConfigKey.<Draft, Integer>of("redis.memory.max_messages", Kind.INT, (d, v) -> d.redis.memoryMaxMessages(v)),
      duration("redis.queue.visibility_timeout", RedisConfig.Builder::queueVisibilityTimeout),
      ConfigKey.<Draft, Integer>of("redis.queue.max_attempts", Kind.INT, (d, v) -> d.redis.queueMaxAttempts(v)),
      duration("redis.lock.ttl", RedisConfig.Builder::lockTtl),
      duration("redis.metrics.ttl", RedisConfig.Builder::metricsTtl),
      duration("redis.metrics.bucket", RedisConfig.Builder::metricsBucket));

  private static final List<ConfigKey<Draft>> KEYS = keys(List.of(
      text("redis.host", RedisConfig.Builder::host),
      ConfigKey.<Draft, Integer>of("redis.port", Kind.INT, (d, v) -> d.redis.port(v)),
      ConfigKey.<Draft, String>of("redis.url", Kind.SECRET, (d, v) -> d.redis.url(v)),
      text("redis.user", RedisConfig.Builder::user),
      ConfigKey.<Draft, String>of("redis.password", Kind.SECRET, (d, v) -> d.redis.password(v)),
      ConfigKey.<Draft, String>of("redis.mode", Kind.TEXT, (d, v) -> d.redis.mode(RedisConfig.Mode.parse(v))),
      ConfigKey.<Draft, Object>of("redis.nodes", Kind.LIST, (d, v) -> d.redis.nodes(ConfigKey.asList(v))),
      text("redis.sentinel.master", RedisConfig.Builder::sentinelMaster),
      ConfigKey.<Draft, String>of("redis.sentinel.password", Kind.SECRET, (d, v) -> d.redis.sentinelPassword(v))));

  /** The ServiceLoader entry. */
  public RedisConfigSection() {
    super("redis", RedisConfig.class, Draft::new, KEYS, d -> d.redis.tls(d.tls.build()).build());
  }

  /** Connection keys, then the shared TLS keys, then the rest, in documentation order. */
  private static List<ConfigKey<Draft>> keys(List<ConfigKey<Draft>> connection) {
    List<ConfigKey<Draft>> all = new ArrayList<>(connection);
    all.addAll(TlsKeys.of("redis", d -> d.tls));
    all.addAll(STORE_KEYS);
    return List.copyOf(all);
  }

  private interface Setter<V> {
    RedisConfig.Builder set(RedisConfig.Builder builder, V value);
  }

  private static ConfigKey<Draft> text(String path, Setter<String> setter) {
    return ConfigKey.<Draft, String>of(path, Kind.TEXT, (d, v) -> setter.set(d.redis, v));
  }

  private static ConfigKey<Draft> duration(String path, Setter<Duration> setter) {
    return ConfigKey.<Draft, Duration>of(path, Kind.DURATION, (d, v) -> setter.set(d.redis, v));
  }

  private static int size(String key, String value) {
    long bytes = ByteSizes.parse(key, value);
    if (bytes > Integer.MAX_VALUE) {
      throw new ConfigException(key, "must be at most 512mb, was '" + value + "'");
    }
    return (int) bytes;
  }
}
