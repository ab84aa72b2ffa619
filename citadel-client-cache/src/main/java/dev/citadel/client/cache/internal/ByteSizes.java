package dev.citadel.client.cache.internal;

import dev.citadel.client.ConfigException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes written the way {@code redis.conf} writes them, for the {@code redis:} section's keys. */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|m|mb|g|gb)?");

  private ByteSizes() {}

  /**
   * Parses bare bytes, or a number with {@code k}, {@code kb}, {@code m}, {@code mb}, {@code g},
   * {@code gb} (all powers of 1024 here), any case.
   *
   * @param key the configuration key, for the message
   * @throws ConfigException when {@code text} is not such a size
   */
  public static long parse(String key, String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(key, "must be a size such as 1048576, 512kb, 64mb or 1gb, was '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    return switch (unit.charAt(0)) {
      case 'k' -> amount * 1024;
      case 'm' -> amount * 1024 * 1024;
      case 'g' -> amount * 1024 * 1024 * 1024;
      default -> amount;
    };
  }
}
