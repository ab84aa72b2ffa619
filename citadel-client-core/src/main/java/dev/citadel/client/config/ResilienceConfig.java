package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;

/**
 * Retry and circuit-breaker settings shared by every backend (each endpoint gets its own breaker
 * built from these). Retries apply only to transient failures (the backend unreachable,
 * restarting or out of connections) and, for work that is not idempotent, only when the request
 * provably never reached the backend.
 */
public final class ResilienceConfig extends ConfigValue {

  /** Default total attempts: 3. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Default first retry delay: 100 ms. */
  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(100);
  /** Default cap on one delay: 2 s. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(2);
  /** Default jitter: 0.25 (each delay varies by up to 25%). */
  public static final double DEFAULT_JITTER = 0.25;
  /** Default cap on a call with its retries: 60 s. */
  public static final Duration DEFAULT_MAX_RETRY_DURATION = Duration.ofSeconds(60);
  /** Default consecutive failures that open a breaker: 5. */
  public static final int DEFAULT_FAILURE_THRESHOLD = 5;
  /** Default open time of a breaker: 10 s. */
  public static final Duration DEFAULT_BREAKER_DELAY = Duration.ofSeconds(10);
  /** Default trial successes that close a breaker: 2. */
  public static final int DEFAULT_SUCCESS_THRESHOLD = 2;

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration maxRetryDuration;
  private final int failureThreshold;
  private final Duration breakerDelay;
  private final int successThreshold;

  private ResilienceConfig(Builder b) {
    int maxAttempts = b.maxAttempts;
    Duration initialDelay = b.initialDelay;
    Duration maxDelay = b.maxDelay;
    double jitter = b.jitter;
    Duration maxRetryDuration = b.maxRetryDuration;
    int failureThreshold = b.failureThreshold;
    Duration breakerDelay = b.breakerDelay;
    int successThreshold = b.successThreshold;
    Checks.range("resilience.retry.max_attempts", maxAttempts, 1, 100);
    Checks.nonNegative("resilience.retry.initial_delay", initialDelay);
    Checks.nonNegative("resilience.retry.max_delay", maxDelay);
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new ConfigException(
          "resilience.retry.max_delay", "must not be shorter than resilience.retry.initial_delay");
    }
    Checks.range("resilience.retry.jitter", jitter, 0.0, 1.0);
    Checks.positive("resilience.retry.max_duration", maxRetryDuration);
    Checks.range("resilience.circuit_breaker.failure_threshold", failureThreshold, 1, 10_000);
    Checks.positive("resilience.circuit_breaker.delay", breakerDelay);
    Checks.range("resilience.circuit_breaker.success_threshold", successThreshold, 1, 10_000);
    this.maxAttempts = maxAttempts;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.jitter = jitter;
    this.maxRetryDuration = maxRetryDuration;
    this.failureThreshold = failureThreshold;
    this.breakerDelay = breakerDelay;
    this.successThreshold = successThreshold;
  }

  /** Total attempts per call, first one included ({@code resilience.retry.max_attempts}). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Delay before the first retry; doubles per retry. */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** Upper bound of a single retry delay. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Random fraction (0..1) added to or taken from each delay. */
  public double jitter() {
    return jitter;
  }

  /** Upper bound of the whole call including retries. */
  public Duration maxRetryDuration() {
    return maxRetryDuration;
  }

  /** Consecutive transient failures that open a breaker. */
  public int failureThreshold() {
    return failureThreshold;
  }

  /** How long a breaker stays open before letting trial calls through. */
  public Duration breakerDelay() {
    return breakerDelay;
  }

  /** Successful trial calls that close a half-open breaker. */
  public int successThreshold() {
    return successThreshold;
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static ResilienceConfig defaults() {
    return builder().build();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialDelay(initialDelay)
        .maxDelay(maxDelay)
        .jitter(jitter)
        .maxRetryDuration(maxRetryDuration)
        .failureThreshold(failureThreshold)
        .breakerDelay(breakerDelay)
        .successThreshold(successThreshold);
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"maxAttempts", maxAttempts, "initialDelay", initialDelay,
        "maxDelay", maxDelay, "jitter", jitter, "maxRetryDuration", maxRetryDuration,
        "failureThreshold", failureThreshold, "breakerDelay", breakerDelay,
        "successThreshold", successThreshold};
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialDelay = DEFAULT_INITIAL_DELAY;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    private double jitter = DEFAULT_JITTER;
    private Duration maxRetryDuration = DEFAULT_MAX_RETRY_DURATION;
    private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
    private Duration breakerDelay = DEFAULT_BREAKER_DELAY;
    private int successThreshold = DEFAULT_SUCCESS_THRESHOLD;

    private Builder() {}

    /** Total attempts, first included; 1 disables retries. */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    /** First retry delay. */
    public Builder initialDelay(Duration value) {
      this.initialDelay = value;
      return this;
    }

    /** Cap on a single delay. */
    public Builder maxDelay(Duration value) {
      this.maxDelay = value;
      return this;
    }

    /** Jitter fraction, 0 to 1. */
    public Builder jitter(double value) {
      this.jitter = value;
      return this;
    }

    /** Cap on a call including its retries. */
    public Builder maxRetryDuration(Duration value) {
      this.maxRetryDuration = value;
      return this;
    }

    /** Consecutive transient failures that open a breaker. */
    public Builder failureThreshold(int value) {
      this.failureThreshold = value;
      return this;
    }

    /** Open time before trial calls. */
    public Builder breakerDelay(Duration value) {
      this.breakerDelay = value;
      return this;
    }

    /** Trial successes that close the breaker. */
    public Builder successThreshold(int value) {
      this.successThreshold = value;
      return this;
    }

    /** Validates and builds. */
    public ResilienceConfig build() {
      return new ResilienceConfig(this);
    }
  }
}
