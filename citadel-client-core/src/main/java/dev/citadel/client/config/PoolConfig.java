package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection pool settings for one PostgreSQL endpoint (HikariCP underneath). Immutable; build
 * with {@link #builder()}. Validated by the owning {@link DatabaseConfig}, which knows the key
 * prefix ({@code database.pool} or {@code database.direct_pool}).
 *
 * @param minConnections idle connections kept open ({@code min_connections}); HikariCP's
 *     {@code minimumIdle}
 * @param maxConnections the pool's hard limit ({@code max_connections})
 * @param connectionTimeout how long a caller waits for a free connection before a typed
 *     {@link dev.citadel.client.UnavailableException} ({@code connection_timeout})
 * @param idleTimeout how long a connection above {@code min_connections} may stay idle
 * @param maxLifetime when a connection is retired and replaced
 */
public record PoolConfig(
    int minConnections,
    int maxConnections,
    Duration connectionTimeout,
    Duration idleTimeout,
    Duration maxLifetime) {

  /** Default {@code min_connections} for the pooled endpoint (seed 000). */
  public static final int DEFAULT_MIN_CONNECTIONS = 5;
  /** Default {@code max_connections} for the pooled endpoint (seed 000). */
  public static final int DEFAULT_MAX_CONNECTIONS = 20;
  /** Default {@code connection_timeout}: 30 s (seed 000). */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@code idle_timeout}: 10 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
  /** Default {@code max_lifetime}: 30 minutes. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);

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
    if (Checks.positive(prefix + ".connection_timeout", connectionTimeout).toMillis() < 250) {
      throw new ConfigException(prefix + ".connection_timeout", "must be at least 250ms");
    }
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
        .connectionTimeout(connectionTimeout)
        .idleTimeout(idleTimeout)
        .maxLifetime(maxLifetime);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int minConnections = DEFAULT_MIN_CONNECTIONS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
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

    /** How long a caller waits for a connection. */
    public Builder connectionTimeout(Duration value) {
      this.connectionTimeout = Objects.requireNonNull(value, "connectionTimeout");
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
      return new PoolConfig(
          minConnections, maxConnections, connectionTimeout, idleTimeout, maxLifetime);
    }
  }
}
