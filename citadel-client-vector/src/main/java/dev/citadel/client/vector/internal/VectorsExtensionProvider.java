package dev.citadel.client.vector.internal;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.spi.CitadelExtension;
import dev.citadel.client.spi.CitadelExtensionProvider;
import dev.citadel.client.vector.CitadelVectors;
import java.util.Optional;

/**
 * Puts {@link CitadelVectors} into {@code Citadel} when this module is on the class path and the
 * config has a {@code qdrant:} section: {@code citadel.extension(CitadelVectors.class)}.
 */
public final class VectorsExtensionProvider implements CitadelExtensionProvider {

  @Override
  public Class<? extends CitadelExtension> type() {
    return CitadelVectors.class;
  }

  @Override
  public Optional<CitadelExtension> create(CitadelConfig config, CitadelMetrics metrics) {
    return config.qdrantSection().isPresent() ? Optional.of(CitadelVectors.create(config, metrics)) : Optional.empty();
  }
}
