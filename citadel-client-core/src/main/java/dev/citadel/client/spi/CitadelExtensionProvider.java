package dev.citadel.client.spi;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.metrics.CitadelMetrics;
import java.util.List;
import java.util.Optional;

/**
 * Creates a module's {@link CitadelExtension} when {@link dev.citadel.client.Citadel} starts.
 * Registered with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.citadel.client.spi.CitadelExtensionProvider} file in the module's
 * jar), so putting the module on the class path is enough.
 */
public interface CitadelExtensionProvider {

  /** The type hosts ask for with {@code citadel.extension(type)}. */
  Class<? extends CitadelExtension> type();

  /**
   * Creates the extension, or returns empty when {@code config} does not configure it (for
   * example the config has no section of the module). Must not block on the backend being reachable.
   *
   * @param metrics the host's metrics hook (stays the host's)
   */
  Optional<CitadelExtension> create(CitadelConfig config, CitadelMetrics metrics);

  /**
   * The module's own database migrations, applied by {@code Database.migrate()} whether or not
   * the config configures the module (its tables must exist before any process writes them).
   * None by default.
   */
  default List<ModuleMigrations> migrations() {
    return List.of();
  }
}
