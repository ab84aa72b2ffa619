package dev.citadel.client.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff of the SDK: exponential from {@code initial} to {@code max}, each delay varied
 * by up to {@code jitter} of itself. Used by every loop that waits before trying again (retries
 * outside {@link ResiliencePolicy}, the audit writer, the outbox relay, lock waits), so they all
 * grow and spread the same way. Immutable and thread-safe.
 */
public final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private final double jitter;

  private Backoff(Duration initial, Duration max, double jitter) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be positive, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max must be at least initial (" + initial + "), was " + max);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be within 0..1, was " + jitter);
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.jitter = jitter;
  }

  /**
   * An exponential backoff.
   *
   * @param initial the delay before the first retry (positive)
   * @param max the largest delay (at least {@code initial})
   * @param jitter the fraction (0..1) by which each delay may vary either way
   */
  public static Backoff exponential(Duration initial, Duration max, double jitter) {
    return new Backoff(initial, max, jitter);
  }

  /**
   * The delay to wait after {@code failures} consecutive failures: {@code initial * 2^(failures-1)}
   * capped at {@code max}, then jittered (never above {@code max}, never below 1 ns).
   *
   * @param failures how many attempts have failed so far (1 for the first retry)
   * @throws IllegalArgumentException when {@code failures < 1}
   */
  public Duration delay(int failures) {
    return Duration.ofNanos(delayNanos(failures));
  }

  /** {@link #delay(int)} in nanoseconds, for loops that park or await. */
  public long delayNanos(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, was " + failures);
    }
    int doublings = Math.min(failures - 1, 62);
    long base = initialNanos > (maxNanos >> doublings) ? maxNanos : Math.min(maxNanos, initialNanos << doublings);
    if (jitter == 0.0) {
      return base;
    }
    double factor = 1.0 + jitter * (2.0 * ThreadLocalRandom.current().nextDouble() - 1.0);
    return Math.max(1L, Math.min(maxNanos, (long) (base * factor)));
  }
}
