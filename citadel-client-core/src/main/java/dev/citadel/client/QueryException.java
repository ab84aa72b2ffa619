package dev.citadel.client;

/**
 * The database answered a statement with an error that retrying will not fix (syntax,
 * permission, constraint, data) or a transaction conflict that outlasted its retries. Carries the
 * SQLSTATE when the server gave one.
 */
public class QueryException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The SQLSTATE reported by PostgreSQL (e.g. {@code 23505}), or null when unknown. */
  private final String sqlState;

  /**
   * @param sqlState the five-character SQLSTATE, or null when unknown
   * @param message the diagnostic
   * @param cause the driver's exception
   */
  public QueryException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** The SQLSTATE reported by PostgreSQL (e.g. {@code 23505}), or null when unknown. */
  public String sqlState() {
    return sqlState;
  }

  /**
   * True for serialization failures ({@code 40001}) and deadlocks ({@code 40P01}): the whole
   * transaction may succeed when run again.
   */
  public boolean isTransactionConflict() {
    return "40001".equals(sqlState) || "40P01".equals(sqlState);
  }
}
