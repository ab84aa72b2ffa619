package dev.citadel.client.cache.config;

import dev.citadel.client.cache.internal.ByteSizes;
import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The API response cache's settings and the server's intended memory policy
 * ({@code redis.cache.*}). Immutable; set through {@link RedisConfig.Builder}, which validates
 * them.
 */
public final class ResponseCacheOptions extends ConfigValue {
  /** Default API cache TTL: one hour (seed 000). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(3600);
  /** Shortest API cache TTL by default: 60 s (seed 004). */
  public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(60);
  /** Longest API cache TTL by default: 86400 s (seed 004). */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofSeconds(86_400);

  private final Duration defaultTtl;
  private final Duration minTtl;
  private final Duration maxTtl;
  private final String maxMemory;
  private final String evictionPolicy;

  ResponseCacheOptions(Duration defaultTtl, Duration minTtl, Duration maxTtl, String maxMemory,
      String evictionPolicy) {
    this.defaultTtl = defaultTtl;
    this.minTtl = minTtl;
    this.maxTtl = maxTtl;
    this.maxMemory = maxMemory;
    this.evictionPolicy = evictionPolicy;
  }

  /** TTL of an entry stored without one ({@code redis.cache.default_ttl}, default 3600 s). */
  public Duration defaultTtl() {
    return defaultTtl;
  }

  /** Shortest TTL accepted ({@code redis.cache.min_ttl}, default 60 s). */
  public Duration minTtl() {
    return minTtl;
  }

  /** Longest TTL accepted ({@code redis.cache.max_ttl}, default 86400 s). */
  public Duration maxTtl() {
    return maxTtl;
  }

  /**
   * The server's intended {@code maxmemory} as written (e.g. {@code 1gb};
   * {@code redis.cache.max_memory}), checked by health reports; null when not stated.
   */
  public String maxMemory() {
    return maxMemory;
  }

  /** {@link #maxMemory()} in bytes, as Redis reads it ({@code 1gb} is 2^30); empty when unset. */
  public OptionalLong maxMemoryBytes() {
    return maxMemory == null
        ? OptionalLong.empty()
        : OptionalLong.of(ByteSizes.parse("redis.cache.max_memory", maxMemory));
  }

  /**
   * The server's intended {@code maxmemory-policy} ({@code redis.cache.eviction_policy}), checked
   * by health reports; null when not stated.
   */
  public String evictionPolicy() {
    return evictionPolicy;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"defaultTtl", defaultTtl, "minTtl", minTtl, "maxTtl", maxTtl,
        "maxMemory", maxMemory, "evictionPolicy", evictionPolicy};
  }
}
