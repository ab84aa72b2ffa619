package dev.citadel.spring.boot.internal;

import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

/** The SDK's metrics hook over the application's {@link MeterRegistry}, when it has one. */
public final class MeterRegistryMetrics {
  private MeterRegistryMetrics() {}

  /** {@link MicrometerMetrics} over the registry, or {@link CitadelMetrics#NOOP} without one. */
  public static CitadelMetrics of(ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfAvailable();
    return meters == null ? CitadelMetrics.NOOP : MicrometerMetrics.create(meters);
  }
}
