package dev.citadel.client.config.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as written in config files: a bare number means seconds (the seed files
 * write {@code connection_timeout: 30}); otherwise a number with a unit {@code ms}, {@code s},
 * {@code m}, {@code h} or {@code d}, or an ISO-8601 duration such as {@code PT1.5S}.
 */
public final class Durations {
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

  private Durations() {}

  public static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.startsWith("p")) {
      return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    }
    Matcher m = WITH_UNIT.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be a duration such as 30, 30s, 500ms, 5m, 1h or PT30S");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "s" -> amount * 1_000;
          case "m" -> amount * 60_000;
          case "h" -> amount * 3_600_000;
          default -> amount * 86_400_000;
        };
    return Duration.ofMillis(Math.round(millis));
  }

  /** Compact human form: {@code 500ms}, {@code 30s}, {@code 5m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }
}
