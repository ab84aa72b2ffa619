package dev.citadel.client.config;

import dev.citadel.client.config.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Redis settings as written in the {@code redis:} section. Core only carries them (so one file
 * configures everything and unknown keys are caught); the cache module connects with them.
 *
 * @param host Redis host ({@code redis.host}, default {@code localhost})
 * @param port Redis port ({@code redis.port}, default 6379)
 * @param username ACL user name, or null for the default user
 * @param password password; masked everywhere
 * @param defaultTtl default time-to-live of cached entries ({@code redis.cache.default_ttl},
 *     default 3600 s)
 * @param maxMemory the server's intended {@code maxmemory} (e.g. {@code 1gb}); informational,
 *     checked by health reports; null when not stated
 * @param evictionPolicy the server's intended {@code maxmemory-policy}; informational; null when
 *     not stated
 */
public record RedisConfig(
    String host,
    int port,
    String username,
    Secret password,
    Duration defaultTtl,
    String maxMemory,
    String evictionPolicy) {

  /** Default port. */
  public static final int DEFAULT_PORT = 6379;
  /** Default TTL: one hour (seed 000). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(3600);

  /** Validates every field. */
  public RedisConfig {
    Checks.host("redis.host", host);
    Checks.port("redis.port", port);
    password = password == null ? Secret.empty() : password;
    Checks.positive("redis.cache.default_ttl", defaultTtl);
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .username(username)
        .password(password)
        .defaultTtl(defaultTtl)
        .maxMemory(maxMemory)
        .evictionPolicy(evictionPolicy);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String host = "localhost";
    private int port = DEFAULT_PORT;
    private String username;
    private Secret password = Secret.empty();
    private Duration defaultTtl = DEFAULT_TTL;
    private String maxMemory;
    private String evictionPolicy;

    private Builder() {}

    /** Host. */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** Port. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** ACL user name; null for the default user. */
    public Builder username(String value) {
      this.username = value;
      return this;
    }

    /** Password. */
    public Builder password(Secret value) {
      this.password = Objects.requireNonNull(value, "password");
      return this;
    }

    /** Password in clear text; wrapped in a {@link Secret}. */
    public Builder password(String value) {
      return password(Secret.of(value));
    }

    /** Default cache TTL. */
    public Builder defaultTtl(Duration value) {
      this.defaultTtl = value;
      return this;
    }

    /** Intended {@code maxmemory}. */
    public Builder maxMemory(String value) {
      this.maxMemory = value;
      return this;
    }

    /** Intended {@code maxmemory-policy}. */
    public Builder evictionPolicy(String value) {
      this.evictionPolicy = value;
      return this;
    }

    /** Validates and builds. */
    public RedisConfig build() {
      return new RedisConfig(
          host, port, username, password, defaultTtl, maxMemory, evictionPolicy);
    }
  }
}
