package dev.citadel.client;

/**
 * The server refused to open a session because the database named by {@code database.database}
 * does not exist on it (PostgreSQL's and Pgpool-II's SQLSTATE {@code 3D000}; PgBouncer relays the
 * server's refusal under {@code 08P01}, or says {@code no such database} itself). The message
 * starts with {@code <backend>: database does not exist:}. Like every refused login it is not retried, does not count towards the circuit
 * breaker, and fails a borrow as soon as the server answers instead of waiting for
 * {@code database.pool.wait_timeout}. {@code migrate()} does not create databases: create it, or fix
 * the name.
 */
public class UnknownDatabaseException extends AuthenticationException {
  private static final long serialVersionUID = 1L;

  /**
   * @param backend the backend's name, e.g. {@code postgres-direct}
   * @param sqlState the SQLSTATE reported with the refusal, or null when unknown
   * @param message the diagnostic
   * @param cause the driver's exception
   */
  public UnknownDatabaseException(String backend, String sqlState, String message, Throwable cause) {
    super(backend, sqlState, message, cause);
  }
}
