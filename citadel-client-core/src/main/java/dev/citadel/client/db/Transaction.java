package dev.citadel.client.db;

import java.sql.Connection;

/**
 * The statements of one open transaction, on one connection. Valid only inside the
 * {@link TransactionCallback} that received it; not thread-safe.
 */
public interface Transaction extends SqlOperations {

  /**
   * The transaction's connection, for APIs that need JDBC (COPY, large objects). Do not close it
   * or change its auto-commit, isolation or schema; the transaction owns it.
   */
  Connection connection();

  /** The schema statements are routed to, or null for the endpoint's default search path. */
  String schema();
}
