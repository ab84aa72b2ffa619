package dev.citadel.client.cache.config;

import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;

/**
 * The session store's settings ({@code redis.session.*}). Immutable; set through
 * {@link RedisConfig.Builder}, which validates them.
 */
public final class SessionOptions extends ConfigValue {
  /** Default sliding session lifetime: one hour (seed 004). */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  private final Duration ttl;

  SessionOptions(Duration ttl) {
    this.ttl = ttl;
  }

  /** Sliding session lifetime, renewed by every read ({@code redis.session.ttl}, default 1 h). */
  public Duration ttl() {
    return ttl;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"ttl", ttl};
  }
}
