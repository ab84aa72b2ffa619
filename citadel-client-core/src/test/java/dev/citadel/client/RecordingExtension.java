package dev.citadel.client;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.spi.CitadelExtension;
import dev.citadel.client.spi.CitadelExtensionProvider;
import dev.citadel.client.spi.ModuleMigrations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An extension registered through ServiceLoader in the test class path; created when the recording section is configured. */
public final class RecordingExtension implements CitadelExtension {
  static final AtomicInteger CLOSED = new AtomicInteger();

  @Override
  public HealthReport health() {
    return HealthReport.of(List.of(HealthCheck.up("recording", "present", Map.of(), Duration.ZERO)));
  }

  @Override
  public void close() {
    CLOSED.incrementAndGet();
  }

  /** The ServiceLoader entry. */
  public static final class Provider implements CitadelExtensionProvider {
    @Override
    public Class<? extends CitadelExtension> type() {
      return RecordingExtension.class;
    }

    @Override
    public List<ModuleMigrations> migrations() {
      return List.of(new ModuleMigrations("recording", "classpath:db/testmodule", "flyway_schema_history_recording"));
    }

    @Override
    public Optional<CitadelExtension> create(CitadelConfig config, CitadelMetrics metrics) {
      return config.section(RecordingSection.Settings.class).map(r -> new RecordingExtension());
    }
  }
}
