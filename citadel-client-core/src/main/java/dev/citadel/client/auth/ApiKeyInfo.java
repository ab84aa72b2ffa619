package dev.citadel.client.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A stored key as listed: everything but the secret.
 *
 * @param id the key's id
 * @param prefix the public part
 * @param owner the owner
 * @param name a label, or null
 * @param scopes what the key may do
 * @param models the models it may use; empty means every model
 * @param expiresAt expiry, or null for never
 * @param revokedAt when it was revoked, or null
 * @param createdAt when it was issued
 */
public record ApiKeyInfo(UUID id, String prefix, String owner, String name, Set<String> scopes, Set<String> models,
    Instant expiresAt, Instant revokedAt, Instant createdAt) {

  /** Defensive copies. */
  public ApiKeyInfo {
    scopes = Set.copyOf(scopes);
    models = Set.copyOf(models);
  }
}
