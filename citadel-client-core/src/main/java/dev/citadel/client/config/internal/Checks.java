package dev.citadel.client.config.internal;

import dev.citadel.client.ConfigException;
import java.time.Duration;
import java.util.regex.Pattern;

/** Validation helpers that name the configuration key in every failure. */
public final class Checks {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\-\\[\\]%]{1,253}");

  private Checks() {}

  public static <T> T required(String key, T value) {
    if (value == null) {
      throw new ConfigException(key, "is required");
    }
    return value;
  }

  public static String requiredText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "is required");
    }
    return value;
  }

  public static String host(String key, String value) {
    requiredText(key, value);
    if (!HOST.matcher(value).matches()) {
      throw new ConfigException(key, "is not a valid host name or address: '" + value + "'");
    }
    return value;
  }

  public static int port(String key, int value) {
    if (value < 1 || value > 65535) {
      throw new ConfigException(key, "must be a port between 1 and 65535, was " + value);
    }
    return value;
  }

  public static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(
          key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  public static double range(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new ConfigException(
          key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  public static Duration positive(String key, Duration value) {
    required(key, value);
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException(key, "must be a positive duration, was " + Durations.format(value));
    }
    return value;
  }

  public static Duration nonNegative(String key, Duration value) {
    required(key, value);
    if (value.isNegative()) {
      throw new ConfigException(key, "must not be negative, was " + Durations.format(value));
    }
    return value;
  }

  /**
   * A PostgreSQL schema or table name we create or route to: lower-case letters, digits and
   * underscores, not starting with a digit, at most 63 characters, and not in the reserved
   * {@code pg_} namespace. Strict on purpose: such a name is safe quoted or not.
   */
  public static String identifier(String key, String value) {
    requiredText(key, value);
    if (!IDENTIFIER.matcher(value).matches() || value.startsWith("pg_")) {
      throw new ConfigException(
          key,
          "'" + value + "' is not a valid identifier (lower-case letters, digits and '_', "
              + "starting with a letter or '_', at most 63 characters, not starting with 'pg_')");
    }
    return value;
  }
}
