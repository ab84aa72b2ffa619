package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;
import java.util.Objects;

/**
 * API-key settings ({@code auth:} section).
 */
public final class AuthConfig extends ConfigValue {

  /** Default positive cache TTL: 30 s. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);
  /** Default negative cache TTL: 5 s. */
  public static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofSeconds(5);
  /** Default usage flush interval: 10 s. */
  public static final Duration DEFAULT_USAGE_FLUSH_INTERVAL = Duration.ofSeconds(10);

  private final Secret keyPepper;
  private final Duration cacheTtl;
  private final Duration negativeCacheTtl;
  private final Duration usageFlushInterval;

  private AuthConfig(Builder b) {
    Secret keyPepper = b.keyPepper;
    Duration cacheTtl = b.cacheTtl;
    Duration negativeCacheTtl = b.negativeCacheTtl;
    Duration usageFlushInterval = b.usageFlushInterval;
    keyPepper = keyPepper == null ? Secret.empty() : keyPepper;
    if (!keyPepper.isEmpty() && keyPepper.reveal().length() < 16) {
      throw new ConfigException("auth.key_pepper", "must be at least 16 characters");
    }
    Checks.positive("auth.cache_ttl", cacheTtl);
    Checks.positive("auth.negative_cache_ttl", negativeCacheTtl);
    Checks.positive("auth.usage_flush_interval", usageFlushInterval);
    this.keyPepper = keyPepper;
    this.cacheTtl = cacheTtl;
    this.negativeCacheTtl = negativeCacheTtl;
    this.usageFlushInterval = usageFlushInterval;
  }

  /**
   * The HMAC key under which key secrets are hashed ({@code auth.key_pepper}); required to issue or
   * check keys, at least 16 characters; masked everywhere. Changing it invalidates every issued
   * key.
   */
  public Secret keyPepper() {
    return keyPepper;
  }

  /** How long a verified key may be served from the cache. */
  public Duration cacheTtl() {
    return cacheTtl;
  }

  /** How long an unknown key prefix may be remembered as unknown. */
  public Duration negativeCacheTtl() {
    return negativeCacheTtl;
  }

  /** How often per-key request counts are written to PostgreSQL. */
  public Duration usageFlushInterval() {
    return usageFlushInterval;
  }

  /** A builder with the documented defaults and no pepper. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder().keyPepper(keyPepper).cacheTtl(cacheTtl).negativeCacheTtl(negativeCacheTtl)
        .usageFlushInterval(usageFlushInterval);
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"keyPepper", keyPepper, "cacheTtl", cacheTtl,
        "negativeCacheTtl", negativeCacheTtl, "usageFlushInterval", usageFlushInterval};
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private Secret keyPepper = Secret.empty();
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private Duration negativeCacheTtl = DEFAULT_NEGATIVE_CACHE_TTL;
    private Duration usageFlushInterval = DEFAULT_USAGE_FLUSH_INTERVAL;

    private Builder() {}

    /** The HMAC pepper. */
    public Builder keyPepper(Secret value) {
      this.keyPepper = Objects.requireNonNull(value, "keyPepper");
      return this;
    }

    /** The HMAC pepper in clear text; wrapped in a {@link Secret}. */
    public Builder keyPepper(String value) {
      return keyPepper(Secret.of(value));
    }

    /** Positive cache TTL. */
    public Builder cacheTtl(Duration value) {
      this.cacheTtl = value;
      return this;
    }

    /** Negative cache TTL. */
    public Builder negativeCacheTtl(Duration value) {
      this.negativeCacheTtl = value;
      return this;
    }

    /** Usage flush interval. */
    public Builder usageFlushInterval(Duration value) {
      this.usageFlushInterval = value;
      return this;
    }

    /** Validates and builds. */
    public AuthConfig build() {
      return new AuthConfig(this);
    }
  }
}
