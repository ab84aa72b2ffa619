package dev.citadel.client.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.citadel.client.resilience.BreakerState;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The neutral observation hook every module reports to. All methods default to doing nothing,
 * so an implementation overrides only what it records; {@link #NOOP} is the default. Methods are
 * called on request threads and must be fast and thread-safe. See {@link MicrometerMetrics} for
 * the Micrometer adapter (meters, and observations when given an {@code ObservationRegistry}).
 *
 * <p>Every call to a backend (each PostgreSQL statement or transaction, and each operation of
 * the cache and vector modules' stores) is reported twice from one place per backend: it is started
 * with {@link #startCall} on the caller's thread before it runs, and when it ends,
 * {@link CallObservation#stop} and {@link #recordCall} see the same outcome.
 */
public interface CitadelMetrics {

  /** Records nothing. */
  CitadelMetrics NOOP = new CitadelMetrics() {};

  /**
   * One call to a backend finished.
   *
   * @param client the client's {@code client.name}
   * @param backend e.g. {@code postgres-pooled}
   * @param operation e.g. {@code query}, {@code update}, {@code transaction}
   * @param nanos elapsed time including retries
   * @param success false when the caller got an exception
   */
  default void recordCall(
      String client, String backend, String operation, long nanos, boolean success) {}

  /**
   * A call to a backend is starting on the caller's thread. An implementation that traces calls
   * starts its observation (or span) here, as a child of the caller's current one, and makes it
   * current until {@link CallObservation#closeScope()}. Called before the call's retries; the
   * default observes nothing and costs nothing.
   *
   * @param target where the call goes (low-cardinality: no keys, values or SQL)
   * @param operation the operation's low-cardinality name, e.g. {@code query}, {@code transaction},
   *     {@code session.get}, {@code search} (the {@code operation} of {@link #recordCall})
   * @return the started call; never null
   */
  default CallObservation startCall(CallTarget target, String operation) {
    return CallObservation.NONE;
  }

  /**
   * A circuit breaker was created; the returned handle is closed when its client closes, so
   * an implementation can remove what it registered.
   *
   * @param state reads the breaker's current state
   */
  default AutoCloseable registerBreaker(String client, String backend, Supplier<BreakerState> state) {
    return () -> {};
  }

  /**
   * Where the PostgreSQL connection pools (HikariCP) report their own metrics: asked once per
   * pool when the pool is built; the factory's {@code create(poolName, stats)} is called by
   * HikariCP with the pool's name ({@code <client.name>-<backend>}) and HikariCP closes the
   * tracker it returned when the pool closes (a tracker must remove what it registered then).
   * Empty, the default, means no pool metrics.
   */
  default Optional<MetricsTrackerFactory> poolMetricsTrackerFactory() {
    return Optional.empty();
  }
}
