package dev.citadel.client.db.internal;

import dev.citadel.client.AuthenticationException;
import dev.citadel.client.CitadelException;
import dev.citadel.client.ConstraintViolationException;
import dev.citadel.client.QueryException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.spi.FailureClassifier;
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
    if (refusedLogin(e) != null) {
      return false;
    }
    String state = e.getSQLState();
    if (state != null) {
      return state.startsWith("08") || TRANSIENT_STATES.contains(state);
    }
    // A failed borrow keeps the pool's SQLSTATE, which HikariCP leaves null when its wait ran out
    // without a connection failure (connecting was only slow): its own type still says transient.
    Throwable borrowed = e instanceof AcquisitionFailure && e.getCause() != null ? e.getCause() : e;
    return borrowed instanceof SQLTransientConnectionException || borrowed instanceof SQLRecoverableException;
  }

  /**
   * Whether a login was refused for its credentials or by {@code pg_hba.conf}. PostgreSQL says so
   * with SQLSTATE class 28; PgBouncer (08P01, which otherwise means a broken connection) and
   * Pgpool-II (XX000) use other codes for the same refusal, so theirs are recognised by their
   * fixed, untranslated messages.
   */
  public static boolean isAuthenticationFailure(SQLException e) {
    String state = e.getSQLState();
    if (state == null) {
      return false;
    }
    if (state.startsWith("28")) {
      return true;
    }
    if (!"08P01".equals(state) && !"XX000".equals(state)) {
      return false;
    }
    String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
        ? p.getServerErrorMessage().getMessage() : e.getMessage();
    return message != null && (message.contains("authentication failed") || message.endsWith("no such user"));
  }

  /**
   * The refused login behind a failure: the innermost refusal in its causes, i.e. the driver's own
   * exception rather than HikariCP's failed borrow, which copies its SQLSTATE. Null when none.
   */
  private static SQLException refusedLogin(SQLException e) {
    SQLException refusal = null;
    SQLException s = e;
    for (int depth = 0; s != null && depth < 4; depth++) {
      if (isAuthenticationFailure(s)) {
        refusal = s;
      }
      s = s.getCause() instanceof SQLException c && c != s ? c : null;
    }
    return refusal;
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
    String stateText = state == null ? "" : " [SQLSTATE " + state + "]";
    SQLException login = refusedLogin(e);
    if (login != null) {
      return new AuthenticationException(backend, login.getSQLState(), backend
          + ": login refused, not retried (check database.user, database.password and the server's"
          + " pg_hba.conf): " + login.getMessage() + " [SQLSTATE " + login.getSQLState() + "]", e);
    }
    if (isTransient(failure)) {
      String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
      // A failed borrow's own message only describes the pool: say why connecting failed.
      String why = e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException c
          ? "; last connection failure: " + c.getMessage()
              + (c.getSQLState() == null ? "" : " [SQLSTATE " + c.getSQLState() + "]")
          : "";
      return new UnavailableException(
          backend, false, backend + " is unavailable" + tries + ": " + e.getMessage() + stateText + why, e);
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
