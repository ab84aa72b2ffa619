package dev.citadel.client.cache.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.OptionalDouble;

/**
 * Short-lived shared metrics in slot 7 under {@code metrics:{type}:{name}}. A counter
 * ({@code metrics:counter:{name}}) is a hash of time buckets ({@code redis.metrics.bucket} wide,
 * default 60 s, keyed by the bucket's start in epoch milliseconds by the Redis server's clock);
 * each bucket is dropped once it is {@code redis.metrics.ttl} old (default 5 min), and the whole
 * key expires that long after the last increment. A gauge ({@code metrics:gauge:{name}}) is one
 * value that expires {@code redis.metrics.ttl} after it was last set. Every update is one atomic
 * script or command, so many processes can count into the same name. Names follow the id rules
 * of the other stores ({@code .} is fine: {@code api.requests}). Thread-safe.
 *
 * <p>This is a shared scratch space for live numbers (rate of requests across replicas, current
 * queue depth), not a metrics system: for time series, report to
 * {@link dev.citadel.client.metrics.CitadelMetrics} / Micrometer.
 */
public interface MetricsStore {

  /** Lifetime of a bucket or gauge. */
  Duration ttl();

  /** Width of a counter bucket. */
  Duration bucket();

  /** Adds one to the current bucket; returns the bucket's new value. */
  long increment(String name);

  /** Adds {@code delta} (may be negative) to the current bucket; returns the bucket's new value. */
  long increment(String name, long delta);

  /**
   * The sum of the buckets overlapping the last {@code window} (bucket granularity: the oldest
   * bucket counted may have started up to one bucket width before the window).
   *
   * @param window at most {@link #ttl()}
   */
  long count(String name, Duration window);

  /** Every live bucket of a counter, by bucket start. */
  NavigableMap<Instant, Long> buckets(String name);

  /** Sets a gauge; it expires {@link #ttl()} from now. */
  void gauge(String name, double value);

  /** A gauge's value, or empty when never set or expired. */
  OptionalDouble gauge(String name);
}
