package dev.citadel.client.db.internal;

import dev.citadel.client.AuthenticationException;
import dev.citadel.client.CitadelException;
import dev.citadel.client.ConstraintViolationException;
import dev.citadel.client.QueryException;
import dev.citadel.client.TlsException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.UnknownDatabaseException;
import dev.citadel.client.spi.FailureClassifier;
import dev.citadel.client.spi.TlsFailures;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The one place where PgJDBC and HikariCP failures become citadel-client exceptions. */
public final class SqlFailures implements FailureClassifier {
  /** Admin/crash shutdown, server starting up, too many connections. */
  private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  public static final SqlFailures INSTANCE = new SqlFailures();

  private SqlFailures() {}

  @Override
  public boolean isTransient(Throwable failure) {
    if (failure instanceof UnavailableException u) {
      return !u.breakerOpen();
    }
    if (!(failure instanceof SQLException e)) {
      return false;
    }
    if (refusalIn(e) != null) {
      return false;
    }
    // A failed borrow is classified by the pool's own exception: HikariCP's pool-wait timeout means
    // no connection was had, whatever SQLSTATE it copied from the last failed connection attempt
    // (null while new connections hang, any class after a server restart).
    SQLException classified = e instanceof AcquisitionFailure && e.getCause() instanceof SQLException c ? c : e;
    if (classified instanceof SQLTransientConnectionException) {
      return true;
    }
    String state = classified.getSQLState();
    if (state != null) {
      return state.startsWith("08") || TRANSIENT_STATES.contains(state);
    }
    return classified instanceof SQLRecoverableException;
  }

  /**
   * Why the server refused a connect, or null when the failure is not a refusal (an outage, a
   * timeout). Only for failures of a connect: SQLSTATE 3D000 from a statement means something
   * else. PostgreSQL says class 28 for credentials or {@code pg_hba.conf}, 3D000 for a database
   * that does not exist; PgBouncer (08P01, which otherwise means a broken connection) and
   * Pgpool-II (XX000) use other codes for the same refusals, so theirs are recognised by their
   * fixed, untranslated messages. PgBouncer's "server login has been failing" is not one: it
   * repeats, for {@code server_login_retry}, any failed server login, a full server's too.
   */
  static LoginRefusal.Reason refusalOf(SQLException connectFailure) {
    if (TlsFailures.reasonOf(connectFailure).isPresent()) {
      return LoginRefusal.Reason.TLS;
    }
    String state = connectFailure.getSQLState();
    if (state == null) {
      return null;
    }
    if (state.startsWith("28")) {
      return LoginRefusal.Reason.CREDENTIALS;
    }
    if ("3D000".equals(state)) {
      return LoginRefusal.Reason.UNKNOWN_DATABASE;
    }
    if (!"08P01".equals(state) && !"XX000".equals(state)) {
      return null;
    }
    String message = connectFailure instanceof PSQLException p && p.getServerErrorMessage() != null
        ? p.getServerErrorMessage().getMessage() : connectFailure.getMessage();
    if (message == null) {
      return null;
    }
    if (message.contains("authentication failed") || message.endsWith("no such user")) {
      return LoginRefusal.Reason.CREDENTIALS;
    }
    // PgBouncer's own refusal, and the server's refusal that it relays.
    boolean unknownDatabase = message.startsWith("no such database")
        || message.startsWith("database \"") && message.endsWith("\" does not exist");
    return unknownDatabase ? LoginRefusal.Reason.UNKNOWN_DATABASE : null;
  }

  /**
   * Whether a failure, or one of its causes, is a login the server refused (see
   * {@link LoginRefusal}): a typed error to report at once, never an outage to retry.
   */
  public static boolean isLoginRefusal(SQLException failure) {
    return refusalIn(failure) != null;
  }

  /** The refused login behind a failure (a failed borrow, Flyway's wrapper), or null. */
  private static LoginRefusal refusalIn(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 8; depth++) {
      if (t instanceof LoginRefusal refusal) {
        return refusal;
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return null;
  }

  /**
   * One line saying why no connection could be had, for health reports and the doctor. It starts
   * with what went wrong: {@code login refused}, {@code database does not exist} or
   * {@code unreachable}; the server's message, SQLSTATE and the key to check follow.
   */
  public static String describeConnectFailure(Throwable failure) {
    LoginRefusal refusal = refusalIn(failure);
    if (refusal != null) {
      return refusalDetail(refusal);
    }
    Throwable e = failure instanceof AcquisitionFailure && failure.getCause() != null ? failure.getCause() : failure;
    return "unreachable: " + e.getMessage()
        + (e instanceof SQLException s ? stateText(s.getSQLState()) + lastConnectionFailure(s) : "");
  }

  /**
   * What kept a connection from being had, in a few words: {@code login refused},
   * {@code database does not exist} or {@code unreachable}.
   */
  public static String connectFailureKind(Throwable failure) {
    LoginRefusal refusal = refusalIn(failure);
    return refusal == null ? "unreachable" : refusal.reason().summary();
  }

  private static String refusalDetail(LoginRefusal refusal) {
    if (refusal.reason() == LoginRefusal.Reason.TLS) {
      TlsException.Reason tls = TlsFailures.reasonOf(refusal).orElse(TlsException.Reason.HANDSHAKE);
      return refusal.reason().summary() + ", " + tls.text() + ": " + refusal.getMessage() + stateText(refusal.getSQLState())
          + " (check database.tls.mode, database.tls.ca_file and the server's certificate; not retried)";
    }
    String check = refusal.reason() == LoginRefusal.Reason.CREDENTIALS
        ? "check database.user, database.password and the server's pg_hba.conf"
        : "check database.database; migrate() creates schemas, not databases";
    return refusal.reason().summary() + ": " + refusal.getMessage() + stateText(refusal.getSQLState())
        + " (" + check + "; not retried)";
  }

  /** A failed borrow's own message only describes the pool: this says why connecting failed. */
  private static String lastConnectionFailure(SQLException e) {
    return e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException c
        ? "; last connection failure: " + c.getMessage() + stateText(c.getSQLState())
        : "";
  }

  private static String stateText(String state) {
    return state == null ? "" : " [SQLSTATE " + state + "]";
  }

  @Override
  public boolean isNotSent(Throwable failure) {
    return failure instanceof AcquisitionFailure;
  }

  @Override
  public RuntimeException translate(String backend, Throwable failure, int attempts) {
    if (failure instanceof CitadelException c) {
      return c;
    }
    if (failure instanceof SQLException e) {
      return translate(backend, e, attempts);
    }
    if (failure instanceof RuntimeException r) {
      return r;
    }
    return new CitadelException(backend + ": " + failure, failure);
  }

  /** Maps one driver exception; {@code attempts} only shapes the message. */
  public CitadelException translate(String backend, SQLException failure, int attempts) {
    SQLException e = failure instanceof AcquisitionFailure && failure.getCause() instanceof SQLException c ? c : failure;
    String state = e.getSQLState();
    String stateText = stateText(state);
    LoginRefusal refusal = refusalIn(e);
    if (refusal != null) {
      String message = backend + ": " + refusalDetail(refusal);
      if (refusal.reason() == LoginRefusal.Reason.TLS) {
        return new TlsException(backend, TlsFailures.reasonOf(refusal).orElse(TlsException.Reason.HANDSHAKE), message, e);
      }
      return refusal.reason() == LoginRefusal.Reason.UNKNOWN_DATABASE
          ? new UnknownDatabaseException(backend, refusal.getSQLState(), message, e)
          : new AuthenticationException(backend, refusal.getSQLState(), message, e);
    }
    if (isTransient(failure)) {
      String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
      return new UnavailableException(backend, false,
          backend + " is unavailable" + tries + ": " + e.getMessage() + stateText + lastConnectionFailure(e), e);
    }
    if (state != null && state.startsWith("23")) {
      String constraint = null;
      if (e instanceof PSQLException p) {
        ServerErrorMessage server = p.getServerErrorMessage();
        constraint = server == null ? null : server.getConstraint();
      }
      return new ConstraintViolationException(state, constraint, e.getMessage() + stateText, e);
    }
    return new QueryException(state, e.getMessage() + stateText, e);
  }
}
