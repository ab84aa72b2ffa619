package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.sectionKey;

import dev.citadel.client.config.spi.ConfigKey.Kind;
import java.time.Duration;

/** The {@code auth:} section's keys. */
final class AuthKeys {
  private AuthKeys() {}

  static void register() {
    sectionKey("auth.key_pepper", Kind.SECRET, (d, v) -> d.auth.keyPepper((String) v));
    sectionKey("auth.cache_ttl", Kind.DURATION, (d, v) -> d.auth.cacheTtl((Duration) v));
    sectionKey("auth.negative_cache_ttl", Kind.DURATION, (d, v) -> d.auth.negativeCacheTtl((Duration) v));
    sectionKey("auth.usage_flush_interval", Kind.DURATION, (d, v) -> d.auth.usageFlushInterval((Duration) v));
  }
}
