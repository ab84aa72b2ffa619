package dev.citadel.client.db.internal;

import dev.citadel.client.CitadelException;
import dev.citadel.client.ConstraintViolationException;
import dev.citadel.client.QueryException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.resilience.FailureClassifier;
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
    String state = e.getSQLState();
    if (state != null) {
      return state.startsWith("08") || TRANSIENT_STATES.contains(state);
    }
    return e instanceof SQLTransientConnectionException || e instanceof SQLRecoverableException;
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
    if (isTransient(failure)) {
      String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
      return new UnavailableException(
          backend, false, backend + " is unavailable" + tries + ": " + e.getMessage() + stateText, e);
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
