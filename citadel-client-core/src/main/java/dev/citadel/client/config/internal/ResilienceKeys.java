package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.key;

import dev.citadel.client.config.spi.ConfigKey.Kind;
import java.time.Duration;

/** The {@code resilience:} section's keys (always present: it has defaults). */
final class ResilienceKeys {
  private ResilienceKeys() {}

  static void register() {
    key("resilience.retry.max_attempts", Kind.INT, (d, v) -> d.resilience.maxAttempts((Integer) v));
    key("resilience.retry.initial_delay", Kind.DURATION, (d, v) -> d.resilience.initialDelay((Duration) v));
    key("resilience.retry.max_delay", Kind.DURATION, (d, v) -> d.resilience.maxDelay((Duration) v));
    key("resilience.retry.jitter", Kind.DOUBLE, (d, v) -> d.resilience.jitter((Double) v));
    key("resilience.retry.max_duration", Kind.DURATION, (d, v) -> d.resilience.maxRetryDuration((Duration) v));
    key("resilience.circuit_breaker.failure_threshold", Kind.INT,
        (d, v) -> d.resilience.failureThreshold((Integer) v));
    key("resilience.circuit_breaker.delay", Kind.DURATION, (d, v) -> d.resilience.breakerDelay((Duration) v));
    key("resilience.circuit_breaker.success_threshold", Kind.INT,
        (d, v) -> d.resilience.successThreshold((Integer) v));
  }
}
