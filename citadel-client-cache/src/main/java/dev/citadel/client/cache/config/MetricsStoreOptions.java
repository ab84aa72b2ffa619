package dev.citadel.client.cache.config;

import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;

/**
 * The Redis metrics store's settings ({@code redis.metrics.*}): the counters and gauges kept in
 * Redis (slot 6), not the SDK's metrics hook. Immutable; set through {@link RedisConfig.Builder},
 * which validates them.
 */
public final class MetricsStoreOptions extends ConfigValue {
  /** Default lifetime of a metrics bucket or gauge: 5 minutes (seed 004). */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  /** Default width of a counter bucket: 60 s. */
  public static final Duration DEFAULT_BUCKET = Duration.ofSeconds(60);

  private final Duration ttl;
  private final Duration bucket;

  MetricsStoreOptions(Duration ttl, Duration bucket) {
    this.ttl = ttl;
    this.bucket = bucket;
  }

  /** How long a counter bucket or gauge lives ({@code redis.metrics.ttl}, default 5 min). */
  public Duration ttl() {
    return ttl;
  }

  /** Width of one counter bucket ({@code redis.metrics.bucket}, default 60 s; at most the TTL). */
  public Duration bucket() {
    return bucket;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"ttl", ttl, "bucket", bucket};
  }
}
