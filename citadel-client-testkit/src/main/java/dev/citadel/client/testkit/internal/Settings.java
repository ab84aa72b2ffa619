package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configuration values of the test kit, looked up by name. In the default lookup a system property wins over the
 * environment variable of the same name.
 */
public final class Settings {

  /** Forces a source: external, testcontainers or embedded. */
  public static final String MODE = "CITADEL_TESTKIT_MODE";
  /** Operating-system user running embedded PostgreSQL when the JVM runs as root. */
  public static final String PG_OS_USER = "CITADEL_TESTKIT_PG_OS_USER";
  /** External PostgreSQL host; setting it selects external mode for PostgreSQL. */
  public static final String POSTGRES_HOST = "CITADEL_TEST_POSTGRES_HOST";
  /** External PostgreSQL port, default 5432. */
  public static final String POSTGRES_PORT = "CITADEL_TEST_POSTGRES_PORT";
  /** External PostgreSQL user, default postgres. */
  public static final String POSTGRES_USER = "CITADEL_TEST_POSTGRES_USER";
  /** External PostgreSQL password, may be empty. */
  public static final String POSTGRES_PASSWORD = "CITADEL_TEST_POSTGRES_PASSWORD";
  /** External PostgreSQL administrative database, default postgres. */
  public static final String POSTGRES_DATABASE = "CITADEL_TEST_POSTGRES_DATABASE";
  /** External Redis host; setting it selects external mode for Redis. */
  public static final String REDIS_HOST = "CITADEL_TEST_REDIS_HOST";
  /** External Redis port, default 6379. */
  public static final String REDIS_PORT = "CITADEL_TEST_REDIS_PORT";
  /** External Redis password, unset or empty for none. */
  public static final String REDIS_PASSWORD = "CITADEL_TEST_REDIS_PASSWORD";
  /** External Redis Cluster nodes, {@code host:port} separated by commas; setting it selects external mode for the cluster. */
  public static final String REDIS_CLUSTER_NODES = "CITADEL_TEST_REDIS_CLUSTER_NODES";

  /** External Qdrant host; setting it selects external mode for Qdrant. */
  public static final String QDRANT_HOST = "CITADEL_TEST_QDRANT_HOST";
  /** External Qdrant gRPC port, default 6334. */
  public static final String QDRANT_PORT = "CITADEL_TEST_QDRANT_PORT";
  /** External Qdrant API key, unset or empty for none. */
  public static final String QDRANT_API_KEY = "CITADEL_TEST_QDRANT_API_KEY";

  private final Function<String, String> lookup;

  private Settings(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  /**
   * Settings from system properties and environment variables (a system property wins).
   *
   * @return the settings of this JVM
   */
  public static Settings fromEnvironment() {
    return new Settings(name -> {
      String property = System.getProperty(name);
      return property != null ? property : System.getenv(name);
    });
  }

  /**
   * Settings from a map, for tests and for building a resolver explicitly.
   *
   * @param values the values by variable name
   * @return settings backed by a copy of the map
   */
  public static Settings of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return new Settings(copy::get);
  }

  /**
   * Returns a raw value.
   *
   * @param name the variable name
   * @return the value, or null when unset
   */
  public String raw(String name) {
    return lookup.apply(name);
  }

  /**
   * Returns a trimmed value, treating blank as unset.
   *
   * @param name the variable name
   * @return the trimmed value, or null when unset or blank
   */
  public String get(String name) {
    String value = lookup.apply(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.trim();
  }

  /**
   * Returns a trimmed value or a default.
   *
   * @param name the variable name
   * @param defaultValue returned when unset or blank
   * @return the value
   */
  public String get(String name, String defaultValue) {
    String value = get(name);
    return value != null ? value : defaultValue;
  }

  /**
   * Returns a TCP port.
   *
   * @param name the variable name
   * @param defaultValue returned when unset or blank
   * @return the port
   * @throws IllegalStateException when the value is not a port number
   */
  public int port(String name, int defaultValue) {
    String value = get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalStateException(name + " must be a TCP port number (1-65535), got '" + value + "'");
  }

  /**
   * Returns the forced mode, if any.
   *
   * @return the source named by {@link #MODE}, or null when not forced
   * @throws IllegalStateException when the value names no mode
   */
  public ServerSource mode() {
    String value = get(MODE);
    if (value == null) {
      return null;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "external":
        return ServerSource.EXTERNAL;
      case "testcontainers":
        return ServerSource.TESTCONTAINERS;
      case "embedded":
        return ServerSource.EMBEDDED;
      default:
        throw new IllegalStateException(MODE + " must be one of external, testcontainers, embedded; got '"
            + value + "'");
    }
  }

  @Override
  public String toString() {
    return "Settings[mode=" + Objects.toString(get(MODE), "auto") + "]";
  }
}
