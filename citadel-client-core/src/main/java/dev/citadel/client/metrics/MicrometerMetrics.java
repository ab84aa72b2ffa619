package dev.citadel.client.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.citadel.client.QueryException;
import dev.citadel.client.resilience.BreakerState;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reports to a Micrometer {@link MeterRegistry} and, when given one, an {@link ObservationRegistry}
 * (optional dependencies: add micrometer-core to use this class). Meters: {@code citadel.calls}
 * (timer; tags client, backend, operation, outcome), {@code citadel.breaker.state} (gauge: 0
 * closed, 1 half-open, 2 open; tags client, backend), and HikariCP's own {@code hikaricp.*} pool
 * meters. The registries stay the caller's: they are never closed here, but breaker gauges and
 * call timers are removed when their client closes.
 *
 * <p>Observations (from {@link #create(MeterRegistry, ObservationRegistry)}): every backend call
 * is one observation named {@value #OBSERVATION_NAME}, started on the caller's thread as a child
 * of its current observation and current there while the call runs (a client span when tracing
 * is on), stopped with the error when the caller gets an exception. Its contextual name (the span
 * name) is {@code <db.operation.name> <db.namespace>}, or {@code <db.operation.name>
 * <server.address>:<server.port>} where there is no namespace. Low-cardinality key values, named
 * by the OpenTelemetry database semantic conventions, present on every observation so that every
 * meter made from them has one set of tags:
 *
 * <ul>
 *   <li>{@code db.system.name}: {@code postgresql}, or the value a module passes for its backend
 *   <li>{@code db.namespace}: the database, {@code database|schema} for a call routed to a model
 *       schema, what a module names for its backend; {@code none} where the backend has none
 *   <li>{@code db.operation.name}: the SDK's operation ({@code query}, {@code update}, {@code
 *       batch}, {@code transaction}; {@code session.get}, ...; {@code search}, ...)
 *   <li>{@code server.address}, {@code server.port}: the configured host and port ({@code none}
 *       when unknown)
 *   <li>{@code error.type}: the exception's class name the caller got, {@code none} on success
 *   <li>{@code citadel.client}, {@code citadel.backend}: the client name and the SDK's backend
 *       ({@code postgres-pooled}, {@code postgres-direct}, and the modules' backends)
 * </ul>
 *
 * <p>and one high-cardinality key value on a failed PostgreSQL call: {@code
 * db.response.status_code} (the SQLSTATE). No key, bound value or SQL text is ever a key value.
 * With no {@code ObservationRegistry}, {@link ObservationRegistry#NOOP} or one without handlers,
 * no observation is created.
 */
public final class MicrometerMetrics implements CitadelMetrics {
  /** The name of every call's observation (and of the timer a meter handler makes from it). */
  public static final String OBSERVATION_NAME = "citadel.db.client.operation";

  private static final String NONE = "none";

  private final MeterRegistry registry;
  private final ObservationRegistry observations;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  private MicrometerMetrics(MeterRegistry registry, ObservationRegistry observations) {
    this.registry = registry;
    this.observations = observations;
  }

  /** Reports meters to {@code registry}, which the caller keeps owning; observes nothing. */
  public static MicrometerMetrics create(MeterRegistry registry) {
    return new MicrometerMetrics(Objects.requireNonNull(registry, "registry"), ObservationRegistry.NOOP);
  }

  /**
   * Reports meters to {@code meters} and every backend call as an observation to {@code
   * observations}; the caller keeps owning both.
   */
  public static MicrometerMetrics create(MeterRegistry meters, ObservationRegistry observations) {
    return new MicrometerMetrics(
        Objects.requireNonNull(meters, "meters"), Objects.requireNonNull(observations, "observations"));
  }

  @Override
  public CallObservation startCall(CallTarget target, String operation) {
    if (observations.isNoop()) {
      return CallObservation.NONE;
    }
    Observation observation =
        Observation.createNotStarted(OBSERVATION_NAME, () -> new CallContext(target, operation), observations);
    if (observation.isNoop()) {
      return CallObservation.NONE;
    }
    observation.start();
    return new StartedCall(observation, observation.openScope());
  }

  @Override
  public void recordCall(String client, String backend, String operation, long nanos, boolean success) {
    String outcome = success ? "success" : "failure";
    String id = client + '\0' + backend + '\0' + operation + '\0' + outcome;
    timers
        .computeIfAbsent(
            id,
            k ->
                Timer.builder("citadel.calls")
                    .description("Calls to a backend, including retries")
                    .tag("client", client)
                    .tag("backend", backend)
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public AutoCloseable registerBreaker(String client, String backend, Supplier<BreakerState> state) {
    Gauge gauge =
        Gauge.builder("citadel.breaker.state", () -> code(state.get()))
            .description("Circuit breaker state: 0 closed, 1 half-open, 2 open")
            .tag("client", client)
            .tag("backend", backend)
            .register(registry);
    return () -> {
      registry.remove(gauge);
      timers.entrySet().removeIf(e -> {
        boolean mine = e.getKey().startsWith(client + '\0' + backend + '\0');
        if (mine) {
          registry.remove(e.getValue());
        }
        return mine;
      });
    };
  }

  /** HikariCP's Micrometer tracker: {@code hikaricp.*} meters tagged {@code pool}, removed on pool close. */
  @Override
  public Optional<MetricsTrackerFactory> poolMetricsTrackerFactory() {
    return Optional.of(new MicrometerMetricsTrackerFactory(registry));
  }

  private static int code(BreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  /** A call's observation context: a client call to the database, nothing to propagate. */
  private static final class CallContext extends SenderContext<Object> {
    CallContext(CallTarget target, String operation) {
      super((carrier, key, value) -> {}, Kind.CLIENT);
      String namespace = target.namespace();
      String port = target.serverPort() == 0 ? NONE : Integer.toString(target.serverPort());
      String address = target.serverAddress() == null ? NONE : target.serverAddress();
      setRemoteServiceName(target.system());
      setContextualName(namespace != null ? operation + " " + namespace
          : target.serverAddress() != null ? operation + " " + address + ":" + port : operation);
      addLowCardinalityKeyValue(KeyValue.of("db.system.name", target.system()));
      addLowCardinalityKeyValue(KeyValue.of("db.namespace", namespace == null ? NONE : namespace));
      addLowCardinalityKeyValue(KeyValue.of("db.operation.name", operation));
      addLowCardinalityKeyValue(KeyValue.of("server.address", address));
      addLowCardinalityKeyValue(KeyValue.of("server.port", port));
      addLowCardinalityKeyValue(KeyValue.of("error.type", NONE));
      addLowCardinalityKeyValue(KeyValue.of("citadel.client", target.client()));
      addLowCardinalityKeyValue(KeyValue.of("citadel.backend", target.backend()));
    }
  }

  /** A started observation and its scope on the starting thread. */
  private static final class StartedCall implements CallObservation {
    private final Observation observation;
    private final Observation.Scope scope;

    StartedCall(Observation observation, Observation.Scope scope) {
      this.observation = observation;
      this.scope = scope;
    }

    @Override
    public void closeScope() {
      scope.close();
    }

    @Override
    public void stop(Throwable error) {
      if (error != null) {
        observation.lowCardinalityKeyValue("error.type", error.getClass().getName());
        if (error instanceof QueryException q && q.sqlState() != null) {
          observation.highCardinalityKeyValue("db.response.status_code", q.sqlState());
        }
        observation.error(error);
      }
      observation.stop();
    }
  }
}
