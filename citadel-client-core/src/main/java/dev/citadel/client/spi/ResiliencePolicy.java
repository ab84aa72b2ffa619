package dev.citadel.client.spi;

import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.CitadelException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.config.internal.Durations;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retry plus circuit breaker for one backend endpoint, built on Failsafe. Retries (exponential
 * backoff with jitter, bounded in attempts and total time) cover transient failures only, and
 * for non-idempotent work only failures that never reached the backend. The breaker opens after
 * {@link ResilienceConfig#failureThreshold()} consecutive transient failures; while open, calls
 * fail at once with {@link UnavailableException#breakerOpen()} true. Thread-safe; one instance
 * per endpoint, shared by all callers.
 */
public final class ResiliencePolicy {
  private static final Logger LOG = LoggerFactory.getLogger(ResiliencePolicy.class);

  private final String backend;
  private final FailureClassifier classifier;
  private final CircuitBreaker<Object> breaker;
  private final FailsafeExecutor<Object> idempotent;
  private final FailsafeExecutor<Object> guarded;

  private ResiliencePolicy(String backend, ResilienceConfig config, FailureClassifier classifier) {
    this.backend = backend;
    this.classifier = classifier;
    this.breaker =
        CircuitBreaker.builder()
            .handleIf(classifier::isTransient)
            .withFailureThreshold(config.failureThreshold())
            .withDelay(config.breakerDelay())
            .withSuccessThreshold(config.successThreshold())
            .onOpen(e -> LOG.warn("{}: circuit breaker OPEN for {}; calls fail fast", backend,
                Durations.format(config.breakerDelay())))
            .onHalfOpen(e -> LOG.info("{}: circuit breaker HALF_OPEN; trying the backend again", backend))
            .onClose(e -> LOG.info("{}: circuit breaker CLOSED; backend is back", backend))
            .build();
    this.idempotent = Failsafe.with(retry(config, classifier::isTransient), breaker);
    this.guarded =
        Failsafe.with(
            retry(config, t -> classifier.isTransient(t) && classifier.isNotSent(t)), breaker);
  }

  /**
   * Creates the policy for one backend endpoint.
   *
   * @param backend the endpoint's name in messages and metrics, e.g. {@code postgres-pooled}
   * @param config retry and breaker settings
   * @param classifier reads this backend's failures
   */
  public static ResiliencePolicy create(
      String backend, ResilienceConfig config, FailureClassifier classifier) {
    return new ResiliencePolicy(
        Objects.requireNonNull(backend, "backend"),
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(classifier, "classifier"));
  }

  private static RetryPolicy<Object> retry(
      ResilienceConfig config, dev.failsafe.function.CheckedPredicate<Throwable> retryable) {
    var builder =
        RetryPolicy.builder()
            .handleIf(retryable)
            .withMaxAttempts(config.maxAttempts())
            .withMaxDuration(config.maxRetryDuration());
    Duration initial = config.initialDelay();
    if (!initial.isZero()) {
      if (initial.equals(config.maxDelay())) {
        builder.withDelay(initial); // Failsafe's backoff needs max > initial: equal means fixed
      } else {
        builder.withBackoff(initial, config.maxDelay());
      }
      if (config.jitter() > 0) {
        builder.withJitter(config.jitter());
      }
    }
    return builder.build();
  }

  /** The backend's name. */
  public String backend() {
    return backend;
  }

  /** The breaker's current state. */
  public BreakerState breakerState() {
    return switch (breaker.getState()) {
      case CLOSED -> BreakerState.CLOSED;
      case OPEN -> BreakerState.OPEN;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
    };
  }

  /**
   * Runs {@code work} under the policy.
   *
   * @param idempotent whether {@code work} may be repeated after it reached the backend
   * @param work the call; may throw the backend's own exceptions
   * @return what {@code work} returned
   * @throws UnavailableException when the breaker is open, or transient failures outlasted the
   *     retries (as translated by the classifier)
   * @throws CitadelException other failures, as translated by the classifier
   */
  public <T> T call(boolean idempotent, Callable<T> work) {
    // Fast path: while the breaker is closed and its window holds no failure, a success would
    // change nothing in it, so the first attempt runs without a Failsafe execution (which costs
    // allocations and the breaker's lock on every call). A transient failure is handed to
    // Failsafe as that execution's first attempt, so breaker and retries see exactly what they
    // would have seen.
    if (breaker.isClosed() && breaker.getFailureCount() == 0) {
      T result;
      try {
        result = work.call();
      } catch (Exception e) {
        if (!classifier.isTransient(e)) {
          throw map(e, 1);
        }
        return execute(idempotent, work, e);
      }
      return result;
    }
    return execute(idempotent, work, null);
  }

  /** Runs {@code work} as a Failsafe execution; {@code firstFailure}, if any, is its first attempt. */
  private <T> T execute(boolean idempotent, Callable<T> work, Exception firstFailure) {
    int[] attempts = {firstFailure == null ? 0 : 1};
    Exception[] replay = {firstFailure};
    try {
      return (idempotent ? this.idempotent : guarded).get(() -> {
        Exception failed = replay[0];
        if (failed != null) {
          replay[0] = null;
          throw failed;
        }
        attempts[0]++;
        return work.call();
      });
    } catch (CircuitBreakerOpenException e) {
      throw breakerOpen(e);
    } catch (FailsafeException e) {
      throw map(e.getCause() == null ? e : e.getCause(), attempts[0]);
    } catch (RuntimeException e) {
      throw map(e, attempts[0]);
    }
  }

  /**
   * Runs asynchronous {@code work} under the policy: the same retries (scheduled, not blocking a
   * thread) and the same breaker as {@link #call}. Each attempt calls {@code work} again.
   *
   * @param idempotent whether {@code work} may be repeated after it reached the backend
   * @param work starts one attempt; its stage may fail with the backend's own exceptions
   * @return completes with the result, or exceptionally with what {@link #call} would throw
   *     (never wrapped in a {@link java.util.concurrent.CompletionException} of ours)
   */
  public <T> CompletableFuture<T> callAsync(boolean idempotent, Supplier<? extends CompletionStage<T>> work) {
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<T> run;
    try {
      run = (idempotent ? this.idempotent : guarded).getStageAsync(() -> {
        attempts.incrementAndGet();
        return work.get();
      });
    } catch (RuntimeException e) {
      result.completeExceptionally(map(e, attempts.get()));
      return result;
    }
    run.whenComplete((value, failure) -> {
      if (failure == null) {
        result.complete(value);
        return;
      }
      Throwable cause = failure;
      while ((cause instanceof CompletionException || cause instanceof FailsafeException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof CircuitBreakerOpenException open) {
        result.completeExceptionally(breakerOpen(open));
      } else {
        result.completeExceptionally(map(cause, attempts.get()));
      }
    });
    return result;
  }

  private UnavailableException breakerOpen(CircuitBreakerOpenException e) {
    return new UnavailableException(
        backend,
        true,
        backend + " is unavailable: circuit breaker is open after repeated connection failures"
            + " (resilience.circuit_breaker.*); not calling it",
        e);
  }

  private RuntimeException map(Throwable failure, int attempts) {
    if (failure instanceof CitadelException c) {
      return c;
    }
    return classifier.translate(backend, failure, attempts);
  }
}
