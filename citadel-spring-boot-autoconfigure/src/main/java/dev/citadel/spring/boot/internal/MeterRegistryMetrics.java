package dev.citadel.spring.boot.internal;

import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The SDK's metrics and observation hook over the application's {@link MeterRegistry} and, when
 * it has one, its {@link ObservationRegistry} (every backend call an observation, a span when
 * tracing is on).
 */
public final class MeterRegistryMetrics {
  private MeterRegistryMetrics() {}

  /**
   * {@link MicrometerMetrics} over the registries, or {@link CitadelMetrics#NOOP} without a
   * meter registry.
   */
  public static CitadelMetrics of(ObjectProvider<MeterRegistry> registry, ObjectProvider<ObservationRegistry> observations) {
    MeterRegistry meters = registry.getIfAvailable();
    if (meters == null) {
      return CitadelMetrics.NOOP;
    }
    ObservationRegistry observed = observations.getIfAvailable();
    return observed == null ? MicrometerMetrics.create(meters) : MicrometerMetrics.create(meters, observed);
  }
}
