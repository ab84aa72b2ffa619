package dev.citadel.examples.served;

import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.auth.IssuedKey;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up: one configuration row per model (for {@code GET /v1/models/{model}}) and, unless
 * {@code served.issue-admin-key=false}, an admin key (scopes {@code admin} and {@code chat}) that
 * {@link ServedApplication} prints.
 */
@Component
class StartupKeys implements ApplicationRunner {
  private final Models models;
  private final ApiKeys keys;
  private final ServedProperties properties;
  private volatile IssuedKey adminKey;

  StartupKeys(Models models, ApiKeys keys, ServedProperties properties) {
    this.models = models;
    this.keys = keys;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    models.seedConfigurations();
    if (properties.issueAdminKey()) {
      adminKey = keys.issue("served-admin", Set.of(Authenticator.ADMIN_SCOPE, "chat"), Set.of(), null,
          "issued at start-up");
    }
  }

  /** The admin key issued at start-up, if any. */
  Optional<IssuedKey> adminKey() {
    return Optional.ofNullable(adminKey);
  }
}
