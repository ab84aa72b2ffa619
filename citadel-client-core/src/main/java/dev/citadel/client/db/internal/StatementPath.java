package dev.citadel.client.db.internal;

import dev.citadel.client.QueryException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.db.Isolation;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.TransactionOptions;
import dev.citadel.client.spi.BackendCalls;
import dev.citadel.client.spi.Backoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The path every statement takes on one endpoint, routed to one schema or not: plain calls,
 * routed calls and transactions all run here. A routed statement, and every transaction, runs
 * between {@code BEGIN} and {@code COMMIT} on one borrowed connection, opened by one statement
 * that applies the transaction's options ({@code SET TRANSACTION}) and the route
 * ({@code SET LOCAL search_path}). Both end with the transaction, so nothing is left on the
 * pooled connection for its next borrower, and it holds behind transaction poolers. A
 * serialization failure ({@code 40001}) or deadlock ({@code 40P01}) rolls the transaction back
 * and runs it again, after a short jittered backoff, up to {@code maxAttempts} times in all.
 * Thread-safe.
 */
final class StatementPath {
  /**
   * Between conflicting attempts: transactions that retry in lockstep conflict again, so they are
   * spread out, by a few milliseconds at first.
   */
  private static final Backoff CONFLICT_BACKOFF =
      Backoff.exponential(Duration.ofMillis(5), Duration.ofMillis(200), 1.0);

  /** Work on a connection inside an open transaction; may run more than once. */
  @FunctionalInterface
  interface TransactionWork<R> {
    R runIn(Connection connection) throws Exception;
  }

  private final PgEndpoint endpoint;
  private final String schema;
  private final int maxAttempts;
  /** The statement that opens a transaction, by {@link #beginIndex}; null when there is none. */
  private final String[] beginSql;
  /** Its calls: in the endpoint's database, or in {@code database|schema} when routed. */
  private final BackendCalls calls;
  private final StatementCall.Spares spares = new StatementCall.Spares(this);

  /**
   * @param schema a validated identifier to route to, or null for the endpoint's default
   * @param maxAttempts total runs of a transaction that hits a conflict
   */
  StatementPath(PgEndpoint endpoint, String schema, int maxAttempts) {
    this.endpoint = endpoint;
    this.schema = schema;
    this.maxAttempts = maxAttempts;
    this.calls = schema == null
        ? endpoint.calls()
        : endpoint.calls().withNamespace(endpoint.calls().target().namespace() + "|" + schema);
    // Built once here rather than per transaction: every combination of options is known.
    this.beginSql = new String[(Isolation.values().length + 1) * 2];
    for (int readOnly = 0; readOnly < 2; readOnly++) {
      beginSql[beginIndex(null, readOnly == 1)] = beginSql(null, readOnly == 1, schema);
      for (Isolation isolation : Isolation.values()) {
        beginSql[beginIndex(isolation, readOnly == 1)] = beginSql(isolation, readOnly == 1, schema);
      }
    }
  }

  PgEndpoint endpoint() {
    return endpoint;
  }

  String schema() {
    return schema;
  }

  Statements statements() {
    return endpoint.statements();
  }

  /**
   * Runs one statement of {@code kind} under the endpoint's policy and metrics. It is retried
   * only when it provably never reached the server (no connection could be had): a read too,
   * since a {@code SELECT} may call a function with side effects (or read a view that does), and
   * a connection that breaks after the statement was sent does not say whether it ran.
   *
   * @param mapper the row mapper (query kinds only)
   * @param params the parameters (all kinds but {@link Statements.Kind#BATCH})
   * @param rows the parameter rows ({@link Statements.Kind#BATCH} only)
   * @return what {@code kind} says
   */
  <R> R run(Statements.Kind kind, String sql, RowMapper<?> mapper, Object[] params, List<Object[]> rows) {
    StatementCall<R> statement = spares.take(kind, sql, mapper, params, rows);
    try {
      return endpoint.call(calls, kind.operation(), false, statement);
    } finally {
      spares.putBack(statement);
    }
  }

  /** One attempt of {@code statement}: borrow, run (in the routed transaction when routed), return. */
  <R> R runOnBorrowed(StatementCall<R> statement) throws Exception {
    try (Connection c = endpoint.acquire()) {
      return schema == null ? statement.runIn(c) : routedTransaction(c, TransactionOptions.DEFAULT, statement);
    }
  }

  /**
   * Runs {@code work} as one transaction under the endpoint's policy and metrics: each attempt
   * borrows a connection, and retries the whole transaction only when it was never sent.
   */
  <R> R transaction(TransactionOptions options, TransactionWork<R> work) {
    return endpoint.call(calls, "transaction", false, () -> {
      try (Connection c = endpoint.acquire()) {
        return schema == null ? inTransaction(c, options, work) : routedTransaction(c, options, work);
      }
    });
  }

  /**
   * Rows of one query through a cursor, in a read transaction on its own borrowed connection,
   * held until the stream is closed. Only the borrowing is retried: it never reached the server.
   */
  <T> Stream<T> stream(String sql, RowMapper<T> mapper, Object[] params) {
    Connection c = endpoint.policy().call(true, endpoint::acquire);
    try {
      c.setAutoCommit(false);
      begin(c, TransactionOptions.DEFAULT);
      return statements().stream(c, sql, mapper, params, () -> finishStream(c), this::translate);
    } catch (SQLException | RuntimeException e) {
      finishStream(c);
      throw e instanceof SQLException s ? translate(s) : (RuntimeException) e;
    }
  }

  private static void finishStream(Connection c) {
    try (c) {
      c.rollback(); // a read: nothing to keep, and the cursor goes with the transaction
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // The connection is closed either way; HikariCP evicts it if it is broken.
    }
  }

  /** A driver failure met outside the policy (inside a transaction, while streaming), typed. */
  RuntimeException translate(SQLException e) {
    return SqlFailures.INSTANCE.translate(endpoint.backend(), e, 1);
  }

  /**
   * Opens a transaction on {@code c} (already out of auto-commit): applies {@code options} and
   * the route. Does nothing for default options on an unrouted path.
   */
  private void begin(Connection c, TransactionOptions options) throws SQLException {
    String sql = beginSql[beginIndex(options.isolation(), options.readOnly())];
    if (sql != null) {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }
  }

  /** {@link #inTransaction} in the model schema, saying so when that schema is missing. */
  private <R> R routedTransaction(Connection c, TransactionOptions options, TransactionWork<R> work)
      throws Exception {
    try {
      return inTransaction(c, options, work);
    } catch (SQLException | QueryException e) {
      throw MissingModelSchema.explain(c, schema, e);
    }
  }

  /** Runs {@code work} in a transaction on {@code c}, again after each conflict, and commits. */
  private <R> R inTransaction(Connection c, TransactionOptions options, TransactionWork<R> work)
      throws Exception {
    c.setAutoCommit(false);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          begin(c, options);
          R result = work.runIn(c);
          commit(c);
          return result;
        } catch (Exception | Error e) {
          rollbackQuietly(c, e);
          if (!isConflict(e) || attempt >= maxAttempts) {
            throw e;
          }
        }
        waitBeforeAttempt(attempt);
      }
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // Broken connection: HikariCP evicts it on return.
      }
    }
  }

  /** A COMMIT whose connection broke has an unknown outcome: it must not be retried as unsent. */
  private void commit(Connection c) throws SQLException {
    try {
      c.commit();
    } catch (SQLException e) {
      if (SqlFailures.INSTANCE.isTransient(e)) {
        String backend = endpoint.backend();
        throw new UnavailableException(backend, false, backend
            + ": connection lost during COMMIT; the transaction may or may not have been committed"
            + " [SQLSTATE " + e.getSQLState() + "]", e);
      }
      throw e;
    }
  }

  /** A serialization failure or deadlock, raw from the driver or already translated. */
  private static boolean isConflict(Throwable e) {
    if (e instanceof QueryException q) {
      return q.isTransactionConflict();
    }
    return e instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()));
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void waitBeforeAttempt(int failedAttempts) {
    try {
      TimeUnit.NANOSECONDS.sleep(CONFLICT_BACKOFF.delayNanos(failedAttempts));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryException("40001", "interrupted while waiting to retry a conflicting transaction", e);
    }
  }

  private static int beginIndex(Isolation isolation, boolean readOnly) {
    return (isolation == null ? 0 : isolation.ordinal() + 1) * 2 + (readOnly ? 1 : 0);
  }

  private static String beginSql(Isolation isolation, boolean readOnly, String schema) {
    StringBuilder sql = new StringBuilder();
    if (isolation != null || readOnly) {
      sql.append("SET TRANSACTION");
      if (isolation != null) {
        sql.append(" ISOLATION LEVEL ").append(isolation.sql());
      }
      if (readOnly) {
        sql.append(isolation != null ? "," : "").append(" READ ONLY");
      }
    }
    if (schema != null) {
      sql.append(sql.length() > 0 ? "; " : "").append("SET LOCAL search_path TO \"").append(schema).append('"');
    }
    return sql.length() == 0 ? null : sql.toString();
  }
}
