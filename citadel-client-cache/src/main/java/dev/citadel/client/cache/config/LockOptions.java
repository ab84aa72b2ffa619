package dev.citadel.client.cache.config;

import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;

/**
 * The distributed locks' settings ({@code redis.lock.*}). Immutable; set through
 * {@link RedisConfig.Builder}, which validates them.
 */
public final class LockOptions extends ConfigValue {
  /** Default lock lease: 30 s (seed 004). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  private final Duration ttl;

  LockOptions(Duration ttl) {
    this.ttl = ttl;
  }

  /**
   * Lease of a lock taken without an explicit one ({@code redis.lock.ttl}, default 30 s): a
   * holder that dies frees the lock after this long.
   */
  public Duration ttl() {
    return ttl;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"ttl", ttl};
  }
}
