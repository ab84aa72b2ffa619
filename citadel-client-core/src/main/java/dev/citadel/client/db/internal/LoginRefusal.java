package dev.citadel.client.db.internal;

import java.sql.SQLException;

/**
 * The server refused to open a session: this login can never succeed until the configuration or
 * the server changes, so it is neither retried nor waited for. Thrown by {@link LoginWatch} only,
 * for a failed connect, which is what tells an unknown database at login apart from the same
 * SQLSTATE raised by a statement ({@code DROP DATABASE missing}). Keeps the driver's SQLSTATE and
 * message, which never contain the password.
 */
final class LoginRefusal extends SQLException {
  private static final long serialVersionUID = 1L;

  /** Why the session was refused. */
  enum Reason {
    /** A wrong password, an unknown user, or no {@code pg_hba.conf} rule admitting the login. */
    CREDENTIALS("login refused"),
    /** The database named by {@code database.database} does not exist on the server. */
    UNKNOWN_DATABASE("database does not exist"),
    /** The TLS handshake failed (certificate or protocol): see {@link dev.citadel.client.TlsException}. */
    TLS("TLS handshake failed");

    private final String summary;

    Reason(String summary) {
      this.summary = summary;
    }

    /** What health entries and error messages start with, e.g. {@code login refused}. */
    String summary() {
      return summary;
    }
  }

  private final Reason reason;

  LoginRefusal(Reason reason, SQLException cause) {
    super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
