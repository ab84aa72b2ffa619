package dev.citadel.client.db.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How each new connection of one endpoint is set up, which depends on whether the endpoint binds
 * a connection to one server session. Behind a transaction pooler (PgBouncer in transaction
 * mode) it does not: consecutive transactions of one connection may run in different server
 * sessions, shared with other clients. There nothing may rely on session state or leave any
 * behind: no named server-side prepared statements ({@code prepareThreshold=0}), no session
 * {@code SET}, and the statement timeout is a client-side cancel ({@link StatementTimeout}).
 *
 * <p>When {@code database.transaction_pooler} declares a transaction pooler that is what is
 * used. Otherwise it is decided once, on the endpoint's first connection, before anything is set
 * on it: a transaction that another connection holds open lands on the server session the first
 * connection just used, or the first connection's next transaction lands on another one. Either
 * means a transaction pooler, which is then handled as if declared, with a WARN naming the key.
 * Only an endpoint seen to keep its session gets the per-connection {@code SET statement_timeout}.
 * Thread-safe.
 */
final class ConnectionSetup {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSetup.class);

  /** What the endpoint does with server sessions. */
  enum Sessions {
    /** Not known yet: no connection has been opened. */
    UNKNOWN,
    /** Each connection keeps one server session (PostgreSQL itself, a session pooler, Pgpool-II). */
    BOUND,
    /** A transaction pooler, declared by {@code database.transaction_pooler: true}. */
    TRANSACTION_POOLED_DECLARED,
    /** A transaction pooler the SDK detected although the config did not declare it. */
    TRANSACTION_POOLED_DETECTED;

    /** Whether nothing may rely on or leave session state. */
    boolean transactionPooled() {
      return this == TRANSACTION_POOLED_DECLARED || this == TRANSACTION_POOLED_DETECTED;
    }
  }

  /** Opens another raw connection to the same endpoint, for the detection. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final String backend;
  private final Duration statementTimeout;
  private final String undeclaredAdvice;
  private volatile Sessions sessions;
  private volatile StatementTimeout timeout;

  /**
   * @param backend the endpoint's name in log lines
   * @param statementTimeout {@code database.statement_timeout} ({@link Duration#ZERO}: none)
   * @param declaredTransactionPooler whether the config declares a transaction pooler here
   * @param undeclaredAdvice what the WARN tells the operator to change when one is detected
   */
  ConnectionSetup(String backend, Duration statementTimeout, boolean declaredTransactionPooler,
      String undeclaredAdvice) {
    this.backend = backend;
    this.statementTimeout = statementTimeout;
    this.undeclaredAdvice = undeclaredAdvice;
    if (declaredTransactionPooler) {
      decide(Sessions.TRANSACTION_POOLED_DECLARED);
    } else {
      this.sessions = Sessions.UNKNOWN;
      this.timeout = StatementTimeout.of(statementTimeout, true);
    }
  }

  /** What is known about the endpoint's sessions so far. */
  Sessions sessions() {
    return sessions;
  }

  /** The {@code setQueryTimeout} of every statement, 0 for none; final once a connection exists. */
  int queryTimeoutSeconds() {
    return timeout.queryTimeoutSeconds();
  }

  /**
   * Sets up a connection the pool just opened: decides what the endpoint is if nobody has yet
   * (opening one more connection with {@code opener} for that), then applies what it needs.
   *
   * @return {@code fresh}, ready for the pool
   * @throws SQLException when the detection or the setup failed (the caller closes {@code fresh})
   */
  Connection prepare(Connection fresh, Opener opener) throws SQLException {
    if (sessions == Sessions.UNKNOWN) {
      detect(fresh, opener);
    }
    if (sessions.transactionPooled()) {
      fresh.unwrap(PGConnection.class).setPrepareThreshold(0);
    } else if (timeout.connectionInitSql() != null) {
      try (Statement s = fresh.createStatement()) {
        s.execute(timeout.connectionInitSql());
      }
    }
    return fresh;
  }

  private synchronized void detect(Connection fresh, Opener opener) throws SQLException {
    if (sessions != Sessions.UNKNOWN) {
      return;
    }
    boolean pooled;
    try (Connection other = opener.open()) {
      pooled = transactionPooled(fresh, other);
    }
    if (pooled) {
      LOG.warn("{}: a transaction pooler is in front of this endpoint (two transactions of one connection ran"
          + " in different server sessions); running pooler-safe (no named prepared statements, no session SET,"
          + " statement timeout cancelled from the client). {}", backend, undeclaredAdvice);
      decide(Sessions.TRANSACTION_POOLED_DETECTED);
    } else {
      LOG.debug("{}: each connection keeps its server session", backend);
      decide(Sessions.BOUND);
    }
  }

  private void decide(Sessions decided) {
    timeout = StatementTimeout.of(statementTimeout, decided.transactionPooled());
    sessions = decided; // last: readers that see the decision see its timeout
  }

  /**
   * Whether {@code first}'s server session is not its own. {@code first} runs one transaction;
   * {@code other} then opens one and holds it, which a transaction pooler (reusing the session
   * just released, as PgBouncer does by default) serves from the same server session; if it did
   * not, {@code first}'s next transaction must find its session again, which a transaction
   * pooler that hands out another one does not. Sets nothing on any session.
   */
  static boolean transactionPooled(Connection first, Connection other) throws SQLException {
    int before = backendPid(first);
    other.setAutoCommit(false);
    try {
      if (backendPid(other) == before) {
        return true;
      }
      return backendPid(first) != before;
    } finally {
      other.rollback();
    }
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
