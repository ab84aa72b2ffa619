package dev.citadel.examples.served;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Times every SDK call a request makes, per operation, as the meter {@value #METER} (tag
 * {@code operation}) with a percentile histogram from 10 microseconds, so p99s can be read from
 * {@code /actuator/prometheus} (the load harness does). The five operations of seed 004's latency
 * targets are {@link #ROUTED_LOOKUP}, {@link #RANGE_SCAN}, {@link #FILTERED_SEARCH},
 * {@link #VECTOR_TOP10} and {@link #SESSION_LOOKUP}. The simulated model's time is
 * {@value #MODEL_METER} and the embedding model's {@value #EMBEDDING_METER}, so a request's time
 * splits into SDK, model, embedding and the rest.
 */
final class SdkCalls {
  static final String METER = "served.sdk.calls";
  static final String MODEL_METER = "served.model.calls";
  static final String EMBEDDING_METER = "served.embedding.calls";

  /** A routed single-row lookup ({@code model_configurations} by name, in the model's schema). */
  static final String ROUTED_LOOKUP = "routed_lookup";
  /** A routed 100-row range scan ({@code usage_statistics} of a user, newest first). */
  static final String RANGE_SCAN = "range_scan_100";
  /** A filtered vector search (tags) over the collection. */
  static final String FILTERED_SEARCH = "filtered_search";
  /** The retrieval step: vector top-10 over the collection. */
  static final String VECTOR_TOP10 = "vector_top10";
  /** The session lookup (Redis DB 0). */
  static final String SESSION_LOOKUP = "session_lookup";

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Timer model;
  private final Timer embedding;

  SdkCalls(MeterRegistry registry) {
    this.registry = registry;
    this.model = histogram(Timer.builder(MODEL_METER).description("the simulated model's calls"));
    this.embedding = histogram(Timer.builder(EMBEDDING_METER).description("the ONNX embedding model's calls"));
  }

  /** Runs {@code call}, timed as SDK operation {@code operation} (also when it throws). */
  <T> T time(String operation, Supplier<T> call) {
    return timer(operation).record(call);
  }

  /** Runs {@code call}, timed as SDK operation {@code operation}. */
  void run(String operation, Runnable call) {
    timer(operation).record(call);
  }

  <T> T model(Supplier<T> call) {
    return model.record(call);
  }

  <T> T embedding(Supplier<T> call) {
    return embedding.record(call);
  }

  private Timer timer(String operation) {
    return timers.computeIfAbsent(operation, op -> histogram(Timer.builder(METER)
        .description("SDK calls made while serving requests").tag("operation", op)));
  }

  private Timer histogram(Timer.Builder builder) {
    return builder.publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }
}
