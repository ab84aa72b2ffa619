package dev.citadel.client.vector.internal;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.spi.CitadelExtension;
import dev.citadel.client.spi.CitadelExtensionProvider;
import dev.citadel.client.spi.ModuleMigrations;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.config.QdrantConfig;
import java.util.List;
import java.util.Optional;

/**
 * Puts {@link CitadelVectors} into {@code Citadel} when this module is on the class path and the
 * config has a {@code qdrant:} section: {@code citadel.extension(CitadelVectors.class)}; and
 * contributes the sync's outbox migration, which {@code Database.migrate()} applies with its own
 * history table whenever this module is on the class path.
 */
public final class VectorsExtensionProvider implements CitadelExtensionProvider {

  @Override
  public Class<? extends CitadelExtension> type() {
    return CitadelVectors.class;
  }

  /** The vector module's migrations: the sync's outbox. */
  static final ModuleMigrations MIGRATIONS = new ModuleMigrations("citadel-client-vector",
      "classpath:dev/citadel/client/vector/migration", "flyway_schema_history_vector");

  @Override
  public Optional<CitadelExtension> create(CitadelConfig config, CitadelMetrics metrics) {
    return config.section(QdrantConfig.class).isPresent()
        ? Optional.of(CitadelVectors.create(config, metrics))
        : Optional.empty();
  }

  @Override
  public List<ModuleMigrations> migrations() {
    return List.of(MIGRATIONS);
  }
}
