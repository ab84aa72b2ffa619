package dev.citadel.client.audit.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose events a spill file holds: the chain, the database as configured (endpoint and name),
 * and, once the writer has reached it, the database's identity as PostgreSQL reports it
 * ({@link DatabaseIdentity#key()}). Stored as the spill queue's {@code binding} file, one
 * {@code key=value} per line after a version line.
 *
 * @param chainId {@code audit.chain_id}
 * @param endpoint the configured pooled endpoint, {@code host:port}
 * @param databaseName the configured database name
 * @param identity the database's identity, or null when no connection had succeeded yet
 */
record SpillBinding(String chainId, String endpoint, String databaseName, String identity) {
  private static final String VERSION_LINE = "citadel-audit-spill 1";

  SpillBinding {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(databaseName, "databaseName");
  }

  /** This binding once the database's identity is known. */
  SpillBinding identified(DatabaseIdentity database) {
    return new SpillBinding(chainId, endpoint, databaseName, database.key());
  }

  /**
   * Whether events bound by {@code this} (read from a spill file) belong to the writer bound by
   * {@code current}: the same chain, and the same identity when both know it; without an identity
   * in the file (its writer never reached the database), the same configured endpoint and name.
   */
  boolean belongsTo(SpillBinding current) {
    if (!chainId.equals(current.chainId)) {
      return false;
    }
    if (identity != null) {
      return identity.equals(current.identity);
    }
    return endpoint.equals(current.endpoint) && databaseName.equals(current.databaseName);
  }

  /** The file's text. */
  String text() {
    return VERSION_LINE + "\nchain=" + chainId + "\nendpoint=" + endpoint + "\ndatabase=" + databaseName
        + (identity == null ? "" : "\nidentity=" + identity) + "\n";
  }

  /** The binding in {@code text}, or empty when it is not one (damaged, or of another version). */
  static Optional<SpillBinding> parse(String text) {
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(VERSION_LINE)) {
      return Optional.empty();
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq <= 0 || fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1)) != null) {
        return Optional.empty();
      }
    }
    if (!fields.containsKey("chain") || !fields.containsKey("endpoint") || !fields.containsKey("database")) {
      return Optional.empty();
    }
    return Optional.of(new SpillBinding(fields.get("chain"), fields.get("endpoint"), fields.get("database"),
        fields.get("identity")));
  }

  @Override
  public String toString() {
    return "chain '" + chainId + "', database '" + databaseName + "' at " + endpoint
        + (identity == null ? " (not reached yet)" : " (identity " + identity + ")");
  }
}
