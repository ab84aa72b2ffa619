package dev.citadel.client.spi;

import dev.citadel.client.audit.AuditAnchorStore;
import dev.citadel.client.auth.ApiKeyCache;
import dev.citadel.client.health.HealthReport;
import java.util.Optional;

/**
 * A module's entry point as {@link dev.citadel.client.Citadel} holds it (the cache module's
 * {@code CitadelCache}, the vector module's {@code CitadelVectors}). Found through
 * {@link CitadelExtensionProvider}; closed by the {@code Citadel} that created it.
 */
public interface CitadelExtension extends AutoCloseable {

  /** The extension's health checks; never throws for an outage. */
  HealthReport health();

  /**
   * A shared cache for API-key verification, if this extension offers one (the cache module's
   * shared store does).
   */
  default Optional<ApiKeyCache> sharedApiKeyCache() {
    return Optional.empty();
  }

  /**
   * A store for the audit writer's keyed chain heads outside PostgreSQL, if this extension offers
   * one (a module's own store); used when the audit chain is keyed.
   */
  default Optional<AuditAnchorStore> auditAnchorStore() {
    return Optional.empty();
  }

  /** Closes what the extension created (idempotent). */
  @Override
  void close();
}
