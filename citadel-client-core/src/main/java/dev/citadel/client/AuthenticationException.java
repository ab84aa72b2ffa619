package dev.citadel.client;

/**
 * PostgreSQL, or a pooler in front of it, refused to log in with the configured credentials
 * ({@code database.user} / {@code database.password}): a wrong password, an unknown user, or no
 * {@code pg_hba.conf} rule admitting the connection (e.g. one without TLS). Retrying cannot fix
 * it, so the call is not retried and does not count towards the circuit breaker; and while the
 * pool holds no connection, a borrow fails as soon as the login is refused instead of waiting for
 * {@code database.pool.wait_timeout}. The same holds on every path: queries, {@code migrate()},
 * health checks. The message starts with {@code <backend>: login refused:}, then the refusal's own
 * text (it may name the user, never the password). {@link UnknownDatabaseException}, a subclass, is
 * the refusal of a database that does not exist.
 *
 * <p>{@link #sqlState()} is what the refusing side reported: {@code 28P01} or {@code 28000} from
 * PostgreSQL, {@code 08P01} from PgBouncer, {@code XX000} from Pgpool-II.
 */
public class AuthenticationException extends QueryException {
  private static final long serialVersionUID = 1L;
  /** The backend's name, e.g. {@code postgres-pooled} or {@code postgres-direct}. */
  private final String backend;

  /**
   * @param backend the backend's name, e.g. {@code postgres-pooled}
   * @param sqlState the SQLSTATE reported with the refusal, or null when unknown
   * @param message the diagnostic
   * @param cause the driver's exception
   */
  public AuthenticationException(String backend, String sqlState, String message, Throwable cause) {
    super(sqlState, message, cause);
    this.backend = backend;
  }

  /** The backend's name, e.g. {@code postgres-pooled} or {@code postgres-direct}. */
  public String backend() {
    return backend;
  }
}
