package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection pool settings for one PostgreSQL endpoint (HikariCP underneath). Immutable; build
 * with {@link #builder()}. Validated by the owning {@link DatabaseConfig}, which knows the key
 * prefix ({@code database.pool} or {@code database.direct_pool}).
 */
public final class PoolConfig extends ConfigValue {

  /** Default {@code min_connections} for the pooled endpoint (seed 000). */
  public static final int DEFAULT_MIN_CONNECTIONS = 5;
  /** Default {@code max_connections} for the pooled endpoint (seed 000). */
  public static final int DEFAULT_MAX_CONNECTIONS = 20;
  /** Default {@code wait_timeout}: 30 s (seed 000's pool timeout). */
  public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@code idle_timeout}: 10 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
  /** Default {@code max_lifetime}: 30 minutes. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);

  private final int minConnections;
  private final int maxConnections;
  private final Duration waitTimeout;
  private final Duration idleTimeout;
  private final Duration maxLifetime;

  private PoolConfig(Builder b) {
    this.minConnections = b.minConnections;
    this.maxConnections = b.maxConnections;
    this.waitTimeout = b.waitTimeout;
    this.idleTimeout = b.idleTimeout;
    this.maxLifetime = b.maxLifetime;
  }

  /** Idle connections kept open ({@code min_connections}); HikariCP's {@code minimumIdle}. */
  public int minConnections() {
    return minConnections;
  }

  /** The pool's hard limit ({@code max_connections}). */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * Pool wait: how long a caller waits for a free pooled connection before a typed
   * {@link dev.citadel.client.UnavailableException} ({@code wait_timeout}). Not the connect
   * timeout of a new connection, which is {@code database.connect_timeout}.
   */
  public Duration waitTimeout() {
    return waitTimeout;
  }

  /** How long a connection above {@code min_connections} may stay idle ({@code idle_timeout}). */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** When a connection is retired and replaced ({@code max_lifetime}). */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** Checks the pool's fields, naming keys under {@code prefix}. */
  void validate(String prefix) {
    Checks.range(prefix + ".min_connections", minConnections, 0, 10_000);
    Checks.range(prefix + ".max_connections", maxConnections, 1, 10_000);
    if (minConnections > maxConnections) {
      throw new ConfigException(
          prefix + ".min_connections",
          "must not exceed " + prefix + ".max_connections (" + minConnections + " > "
              + maxConnections + ")");
    }
    Checks.atLeast(prefix + ".wait_timeout", waitTimeout, Duration.ofMillis(250));
    Checks.positive(prefix + ".idle_timeout", idleTimeout);
    Checks.positive(prefix + ".max_lifetime", maxLifetime);
  }

  /** A builder with the pooled endpoint's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .minConnections(minConnections)
        .maxConnections(maxConnections)
        .waitTimeout(waitTimeout)
        .idleTimeout(idleTimeout)
        .maxLifetime(maxLifetime);
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"minConnections", minConnections, "maxConnections",
        maxConnections, "waitTimeout", waitTimeout, "idleTimeout", idleTimeout, "maxLifetime", maxLifetime};
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int minConnections = DEFAULT_MIN_CONNECTIONS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;

    private Builder() {}

    /** Idle connections kept open. */
    public Builder minConnections(int value) {
      this.minConnections = value;
      return this;
    }

    /** Maximum connections. */
    public Builder maxConnections(int value) {
      this.maxConnections = value;
      return this;
    }

    /** How long a caller waits for a free pooled connection (pool wait). */
    public Builder waitTimeout(Duration value) {
      this.waitTimeout = Objects.requireNonNull(value, "waitTimeout");
      return this;
    }

    /** Idle time after which surplus connections close. */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = Objects.requireNonNull(value, "idleTimeout");
      return this;
    }

    /** Maximum lifetime of a connection. */
    public Builder maxLifetime(Duration value) {
      this.maxLifetime = Objects.requireNonNull(value, "maxLifetime");
      return this;
    }

    /** Builds the (not yet validated) pool config; {@link DatabaseConfig} validates it. */
    public PoolConfig build() {
      return new PoolConfig(this);
    }
  }
}
