package dev.citadel.client.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.citadel.client.resilience.BreakerState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Reports to a Micrometer {@link MeterRegistry} (an optional dependency: add micrometer-core to
 * use this class). Meters: {@code citadel.calls} (timer; tags client, backend, operation,
 * outcome), {@code citadel.breaker.state} (gauge: 0 closed, 1 half-open, 2 open; tags client,
 * backend), and HikariCP's own {@code hikaricp.*} pool meters. The registry stays the caller's:
 * it is never closed here, but breaker gauges are removed when their client closes.
 */
public final class MicrometerMetrics implements CitadelMetrics {
  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  private MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Reports to {@code registry}, which the caller keeps owning. */
  public static MicrometerMetrics create(MeterRegistry registry) {
    return new MicrometerMetrics(Objects.requireNonNull(registry, "registry"));
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
  public AutoCloseable registerReplicaLag(String client, String backend, DoubleSupplier seconds) {
    Gauge gauge =
        Gauge.builder("citadel.replica.lag", seconds, DoubleSupplier::getAsDouble)
            .description("Replay lag of the replica the read endpoint reaches, seconds (0: caught up or primary)")
            .baseUnit("seconds")
            .strongReference(true)
            .tag("client", client)
            .tag("backend", backend)
            .register(registry);
    return () -> registry.remove(gauge);
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
}
