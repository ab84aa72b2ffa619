package dev.citadel.client.cache.ratelimit;

import dev.citadel.client.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code limit} permits in any window of length {@code window}.
 *
 * @param limit permits per window, 1 to 1,000,000
 * @param window the sliding window, at least 1 ms and at most 1 day
 */
public record RateLimit(int limit, Duration window) {

  /**
   * Validates both fields.
   *
   * @throws InvalidArgumentException when a field is out of range
   */
  public RateLimit {
    Objects.requireNonNull(window, "window");
    if (limit < 1 || limit > 1_000_000) {
      throw new InvalidArgumentException("limit", "must be between 1 and 1000000, was " + limit);
    }
    if (window.toMillis() < 1 || window.compareTo(Duration.ofDays(1)) > 0) {
      throw new InvalidArgumentException("window", "must be between 1 ms and 1 day, was " + window);
    }
  }

  /** {@code limit} per {@code window}. */
  public static RateLimit of(int limit, Duration window) {
    return new RateLimit(limit, window);
  }

  /** {@code limit} per second. */
  public static RateLimit perSecond(int limit) {
    return new RateLimit(limit, Duration.ofSeconds(1));
  }

  /** {@code limit} per minute. */
  public static RateLimit perMinute(int limit) {
    return new RateLimit(limit, Duration.ofMinutes(1));
  }

  /** The {@code {window}} part of the key: {@code 60s} for whole seconds, else {@code 500ms}. */
  public String windowLabel() {
    long ms = window.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
