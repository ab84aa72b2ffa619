package dev.citadel.client.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Who an authenticated API key speaks for.
 *
 * @param keyId the key's id
 * @param prefix the key's public prefix
 * @param owner the key's owner (a user id or service name)
 * @param scopes what the key may do
 * @param models the models the key may use; empty means every model
 * @param expiresAt when the key expires, or null for never
 */
public record Principal(UUID keyId, String prefix, String owner, Set<String> scopes, Set<String> models,
    Instant expiresAt) {

  /** Defensive copies. */
  public Principal {
    scopes = Set.copyOf(scopes);
    models = Set.copyOf(models);
  }

  /** Whether the key carries {@code scope}. */
  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  /** Whether the key may use {@code model}. */
  public boolean allowsModel(String model) {
    return models.isEmpty() || models.contains(model);
  }
}
