package dev.citadel.client.config.spi;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation helpers every section uses: each failure is a {@link ConfigException} naming the
 * configuration key and the constraint.
 */
public final class Checks {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\-\\[\\]%]{1,253}");

  private Checks() {}

  /** {@code value}, or {@link ConfigException} "is required" when it is null. */
  public static <T> T required(String key, T value) {
    if (value == null) {
      throw new ConfigException(key, "is required");
    }
    return value;
  }

  /** {@code value}, or {@link ConfigException} when it is null or blank. */
  public static String requiredText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "is required");
    }
    return value;
  }

  /** A host name or address. */
  public static String host(String key, String value) {
    requiredText(key, value);
    if (!HOST.matcher(value).matches()) {
      throw new ConfigException(key, "is not a valid host name or address: '" + value + "'");
    }
    return value;
  }

  /** A TCP port, 1 to 65535. */
  public static int port(String key, int value) {
    if (value < 1 || value > 65535) {
      throw new ConfigException(key, "must be a port between 1 and 65535, was " + value);
    }
    return value;
  }

  /** An integer within {@code [min, max]}. */
  public static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(
          key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** A number within {@code [min, max]}. */
  public static double range(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new ConfigException(
          key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** A duration above zero. */
  public static Duration positive(String key, Duration value) {
    required(key, value);
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException(key, "must be a positive duration, was " + Durations.format(value));
    }
    return value;
  }

  /** A duration of zero or more. */
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

  /** A duration of at least {@code min} (and so positive). */
  public static Duration atLeast(String key, Duration value, Duration min) {
    positive(key, value);
    if (value.compareTo(min) < 0) {
      throw new ConfigException(key, "must be at least " + Durations.format(min) + ", was "
          + Durations.format(value));
    }
    return value;
  }

  /**
   * Fails when {@code value} (the setting {@code key}) exceeds {@code limit} (the setting
   * {@code limitKey}).
   */
  public static void notLonger(String key, Duration value, String limitKey, Duration limit) {
    if (value.compareTo(limit) > 0) {
      throw new ConfigException(key, "must not exceed " + limitKey + " ("
          + Durations.format(value) + " > " + Durations.format(limit) + ")");
    }
  }

  /** {@code value}, or null when it is null or blank: "empty means unset". */
  public static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** A duration in the compact form messages use: {@code 500ms}, {@code 30s}, {@code 5m}. */
  public static String format(Duration value) {
    return Durations.format(value);
  }

  /**
   * Parses an enum constant written in any case, with {@code -} for {@code _}.
   *
   * @throws ConfigException listing the accepted values
   */
  public static <E extends Enum<E>> E enumValue(Class<E> type, String key, String text) {
    String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    List<String> names = new ArrayList<>();
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(normalized)) {
        return value;
      }
      names.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new ConfigException(key, "must be one of " + String.join(", ", names) + ", was '" + text + "'");
  }
}
