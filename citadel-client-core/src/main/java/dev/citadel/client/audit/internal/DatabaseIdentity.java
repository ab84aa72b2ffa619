package dev.citadel.client.audit.internal;

/**
 * Which database the audit writer is connected to, as PostgreSQL reports it: what a spill file
 * is bound to. The cluster's system identifier is set by {@code initdb} and kept by restarts,
 * physical replicas and their promotion, so it tells clusters apart; the database's oid tells
 * databases of one cluster apart and survives renames and restarts.
 *
 * @param systemIdentifier {@code pg_control_system().system_identifier}, or null when the role
 *     may not read it (then only oid and name identify the database)
 * @param databaseOid the oid of {@code current_database()}
 * @param databaseName {@code current_database()}
 */
public record DatabaseIdentity(String systemIdentifier, long databaseOid, String databaseName) {

  /** The identity as one stable text, e.g. {@code 7312345678901234567/16384}. */
  public String key() {
    return (systemIdentifier == null ? "unknown" : systemIdentifier) + "/" + databaseOid;
  }
}
