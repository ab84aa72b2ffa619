package dev.citadel.client.cache.config;

import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;

/**
 * The settings of a store whose one setting is how long its entries live: the session store
 * ({@code redis.session.*}, a sliding lifetime renewed by every read) and the distributed locks
 * ({@code redis.lock.*}, the lease of a lock taken without one). Immutable; set through
 * {@link RedisConfig.Builder}, which validates them.
 */
public final class TtlOptions extends ConfigValue {
  private final Duration ttl;

  TtlOptions(Duration ttl) {
    this.ttl = ttl;
  }

  /** How long an entry lives ({@code redis.session.ttl}, {@code redis.lock.ttl}). */
  public Duration ttl() {
    return ttl;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"ttl", ttl};
  }
}
