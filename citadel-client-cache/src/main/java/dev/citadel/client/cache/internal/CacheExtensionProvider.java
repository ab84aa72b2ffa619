package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.spi.CitadelExtension;
import dev.citadel.client.spi.CitadelExtensionProvider;
import java.util.Optional;

/** Puts {@link CitadelCache} into {@link dev.citadel.client.Citadel} when the config has a {@code redis:} section. */
public final class CacheExtensionProvider implements CitadelExtensionProvider {

  @Override
  public Class<? extends CitadelExtension> type() {
    return CitadelCache.class;
  }

  @Override
  public Optional<CitadelExtension> create(CitadelConfig config, CitadelMetrics metrics) {
    return config.section(RedisConfig.class).isPresent() ? Optional.of(CitadelCache.create(config, metrics)) : Optional.empty();
  }
}
