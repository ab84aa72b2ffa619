package dev.citadel.client.cache.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.cache.ValueTooLargeException;
import java.time.Duration;
import java.util.Objects;

/**
 * Checks of store arguments. Ids end up inside keys, channels and SCAN patterns, so they may not
 * hold the separator {@code :}, glob characters, hash-tag braces, whitespace or control
 * characters; that keeps every key pattern unambiguous and every pattern match exact.
 */
public final class Arguments {
  /** Longest id, in characters. */
  public static final int MAX_ID_LENGTH = 256;

  private Arguments() {}

  /** A non-empty id without reserved characters; returns it. */
  public static String id(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new InvalidArgumentException(name, "must not be empty");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw new InvalidArgumentException(name, "must be at most " + MAX_ID_LENGTH + " characters, was "
          + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ':' || c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || c == '{'
          || c == '}' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidArgumentException(name, "must not contain ':', '*', '?', '[', ']', '\\', '{', '}',"
            + " whitespace or control characters (found at index " + i + ")");
      }
    }
    return value;
  }

  /** A TTL within [min, max]; returns it. */
  public static Duration ttl(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidArgumentException(name, "must be between " + min.toMillis() + " ms and "
          + max.toMillis() + " ms, was " + value.toMillis() + " ms");
    }
    return value;
  }

  /** A strictly positive duration of at least one millisecond; returns it. */
  public static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.toMillis() < 1) {
      throw new InvalidArgumentException(name, "must be at least 1 ms, was " + value);
    }
    return value;
  }

  /** Zero or a positive duration; returns it. */
  public static Duration nonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new InvalidArgumentException(name, "must not be negative, was " + value);
    }
    return value;
  }

  /** An int within [min, max]; returns it. */
  public static int range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidArgumentException(name, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** Bytes no longer than {@code limit}; returns them. */
  public static byte[] size(String name, byte[] encoded, int limit) {
    if (encoded.length > limit) {
      throw new ValueTooLargeException(name, encoded.length, limit);
    }
    return encoded;
  }
}
