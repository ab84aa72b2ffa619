package dev.citadel.client.migration;

import java.util.List;

/**
 * What one {@code migrate()} did.
 *
 * @param applied citadel-client migrations applied by this run (0 when already up to date)
 * @param appApplied the host's own migrations applied by this run
 * @param version citadel-client's schema version after the run
 * @param modelSchemas the model schemas that are now provisioned
 */
public record MigrationResult(int applied, int appApplied, String version, List<String> modelSchemas) {

  /** Defensive copy. */
  public MigrationResult {
    modelSchemas = List.copyOf(modelSchemas);
  }
}
