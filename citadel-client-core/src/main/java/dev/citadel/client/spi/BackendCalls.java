package dev.citadel.client.spi;

import dev.citadel.client.metrics.CallObservation;
import dev.citadel.client.metrics.CallTarget;
import dev.citadel.client.metrics.CitadelMetrics;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place a backend's calls reach the {@link CitadelMetrics} hook: each call is started
 * with {@link #start} on the caller's thread (its observation current there while it runs) and
 * ended once with {@link #end} or {@link #endOnCompletion}, which stop the observation and record
 * the {@code recordCall} timer with the same outcome. A backend keeps one instance per
 * {@link CallTarget} (per route). Thread-safe and immutable.
 *
 * <p>A blocking call reads:
 *
 * <pre>{@code
 * long start = System.nanoTime();
 * CallObservation call = calls.start(operation);
 * Throwable failure = null;
 * try {
 *   return policy.call(idempotent, work);
 * } catch (RuntimeException | Error e) {
 *   failure = e;
 *   throw e;
 * } finally {
 *   calls.end(call, operation, start, failure);
 * }
 * }</pre>
 */
public final class BackendCalls {
  private final CitadelMetrics metrics;
  private final CallTarget target;

  private BackendCalls(CitadelMetrics metrics, CallTarget target) {
    this.metrics = metrics;
    this.target = target;
  }

  /** Calls to {@code target}, reported to {@code metrics}. */
  public static BackendCalls create(CitadelMetrics metrics, CallTarget target) {
    return new BackendCalls(Objects.requireNonNull(metrics, "metrics"), Objects.requireNonNull(target, "target"));
  }

  /** Where these calls go. */
  public CallTarget target() {
    return target;
  }

  /** Calls to the same backend in another {@code db.namespace} (a routed path). */
  public BackendCalls withNamespace(String namespace) {
    return new BackendCalls(metrics, target.withNamespace(namespace));
  }

  /**
   * Starts a call on the caller's thread, before its first attempt; its observation is current
   * on this thread until the call is ended.
   *
   * @param operation low-cardinality name, e.g. {@code query} or {@code session.get}
   */
  public CallObservation start(String operation) {
    return metrics.startCall(target, operation);
  }

  /**
   * Ends a blocking call on the thread that started it: closes the observation's scope, stops it
   * with {@code failure} and records the call's time.
   *
   * @param startNanos {@link System#nanoTime()} taken before {@link #start}
   * @param failure what the caller gets, or null on success
   */
  public void end(CallObservation call, String operation, long startNanos, Throwable failure) {
    long nanos = System.nanoTime() - startNanos;
    try {
      call.closeScope();
      call.stop(failure);
    } finally {
      metrics.recordCall(target.client(), target.backend(), operation, nanos, failure == null);
    }
  }

  /**
   * Ends an asynchronous call: closes the observation's scope now, on the thread that started it
   * and issued the call, and stops it and records the call's time when {@code future} completes.
   *
   * @param startNanos {@link System#nanoTime()} taken before {@link #start}
   * @return a future completing as {@code future} does, after the call was reported
   */
  public <T> CompletableFuture<T> endOnCompletion(
      CallObservation call, String operation, long startNanos, CompletableFuture<T> future) {
    call.closeScope();
    return future.whenComplete((result, e) -> {
      long nanos = System.nanoTime() - startNanos;
      Throwable failure = unwrap(e);
      try {
        call.stop(failure);
      } finally {
        metrics.recordCall(target.client(), target.backend(), operation, nanos, failure == null);
      }
    });
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
