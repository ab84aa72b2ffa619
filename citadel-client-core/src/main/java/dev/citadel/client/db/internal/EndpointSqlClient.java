package dev.citadel.client.db.internal;

import dev.citadel.client.QueryException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.db.Transaction;
import dev.citadel.client.db.TransactionCallback;
import dev.citadel.client.db.TransactionOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * {@link SqlClient} on one endpoint. With a schema, every statement runs in a transaction that
 * starts with {@code SET LOCAL search_path}, which ends with the transaction: nothing is left on
 * the pooled connection for its next borrower, and it holds behind transaction poolers.
 */
public final class EndpointSqlClient implements SqlClient {
  private final PgEndpoint endpoint;
  private final String schema;
  private final int maxAttempts;

  /**
   * @param schema a validated identifier to route to, or null for the endpoint's default
   * @param maxAttempts total runs of a transaction that hits a conflict
   */
  public EndpointSqlClient(PgEndpoint endpoint, String schema, int maxAttempts) {
    this.endpoint = endpoint;
    this.schema = schema;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public Endpoint endpoint() {
    return endpoint.endpoint();
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    Objects.requireNonNull(sql, "sql");
    if (schema != null) {
      return routed("query", Statements.isRead(sql), tx -> tx.query(sql, mapper, params));
    }
    return endpoint.call("query", Statements.isRead(sql),
        c -> Statements.query(c, sql, mapper, params, endpoint.timeoutSeconds()));
  }

  @Override
  public <T> T queryOne(String sql, RowMapper<T> mapper, Object... params) {
    Objects.requireNonNull(sql, "sql");
    if (schema != null) {
      return routed("query", Statements.isRead(sql), tx -> tx.queryOne(sql, mapper, params));
    }
    return endpoint.call("query", Statements.isRead(sql),
        c -> Statements.queryAtMostOne(c, sql, mapper, params, endpoint.timeoutSeconds(), true)
            .orElse(null));
  }

  @Override
  public <T> Optional<T> queryOptional(String sql, RowMapper<T> mapper, Object... params) {
    Objects.requireNonNull(sql, "sql");
    if (schema != null) {
      return routed("query", Statements.isRead(sql), tx -> tx.queryOptional(sql, mapper, params));
    }
    return endpoint.call("query", Statements.isRead(sql),
        c -> Statements.queryAtMostOne(c, sql, mapper, params, endpoint.timeoutSeconds(), false));
  }

  @Override
  public int update(String sql, Object... params) {
    Objects.requireNonNull(sql, "sql");
    if (schema != null) {
      return routed("update", false, tx -> tx.update(sql, params));
    }
    return endpoint.call("update", false,
        c -> Statements.update(c, sql, params, endpoint.timeoutSeconds()));
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(rows, "rows");
    if (schema != null) {
      return routed("batch", false, tx -> tx.batch(sql, rows));
    }
    return endpoint.call("batch", false,
        c -> Statements.batch(c, sql, rows, endpoint.timeoutSeconds()));
  }

  @Override
  public <T> Stream<T> stream(String sql, RowMapper<T> mapper, Object... params) {
    Objects.requireNonNull(sql, "sql");
    // Only the borrowing is retried: acquisition failures never reached the server.
    Connection c = endpoint.policy().call(true, endpoint::acquire);
    try {
      c.setAutoCommit(false);
      begin(c, TransactionOptions.DEFAULT);
      return Statements.stream(c, sql, mapper, params, endpoint.timeoutSeconds(),
          () -> finishStream(c), e -> SqlFailures.INSTANCE.translate(endpoint.backend(), e, 1));
    } catch (SQLException | RuntimeException e) {
      finishStream(c);
      throw e instanceof SQLException s ? SqlFailures.INSTANCE.translate(endpoint.backend(), s, 1)
          : (RuntimeException) e;
    }
  }

  private void finishStream(Connection c) {
    try (c) {
      c.rollback(); // a read: nothing to keep, and the cursor goes with the transaction
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // The connection is closed either way; HikariCP evicts it if it is broken.
    }
  }

  @Override
  public <T, X extends Exception> T inTransaction(
      TransactionOptions options, TransactionCallback<T, X> work) throws X {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(work, "work");
    try {
      return endpoint.call("transaction", false, c -> runTransaction(c, options, work));
    } catch (CallbackFailure f) {
      throw f.<X>rethrow();
    }
  }

  private <T> T routed(String operation, boolean idempotent, TransactionCallback<T, RuntimeException> work) {
    return endpoint.call(operation, idempotent, c -> runTransaction(c, TransactionOptions.DEFAULT, work));
  }

  private <T, X extends Exception> T runTransaction(
      Connection c, TransactionOptions options, TransactionCallback<T, X> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          begin(c, options);
          T result = execute(work, new TransactionImpl(c, schema, endpoint));
          commit(c);
          return result;
        } catch (QueryException e) {
          rollbackQuietly(c, e);
          if (!e.isTransactionConflict() || attempt >= maxAttempts) {
            throw e;
          }
        } catch (SQLException | RuntimeException | Error e) {
          rollbackQuietly(c, e);
          if (e instanceof SQLException s && isConflict(s) && attempt < maxAttempts) {
            continue;
          }
          throw e;
        }
        // Conflicting transactions that retry in lockstep conflict again: spread them out.
        sleepBeforeRetry(attempt);
      }
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // Broken connection: HikariCP evicts it on return.
      }
    }
  }

  private static <T, X extends Exception> T execute(TransactionCallback<T, X> work, Transaction tx) {
    try {
      return work.execute(tx);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CallbackFailure(e);
    }
  }

  private void begin(Connection c, TransactionOptions options) throws SQLException {
    StringBuilder sql = new StringBuilder();
    if (options.isolation() != null || options.readOnly()) {
      sql.append("SET TRANSACTION");
      if (options.isolation() != null) {
        sql.append(" ISOLATION LEVEL ").append(options.isolation().sql());
      }
      if (options.readOnly()) {
        sql.append(options.isolation() != null ? "," : "").append(" READ ONLY");
      }
    }
    if (schema != null) {
      sql.append(sql.length() > 0 ? "; " : "").append("SET LOCAL search_path TO \"").append(schema).append('"');
    }
    if (sql.length() > 0) {
      try (Statement s = c.createStatement()) {
        s.execute(sql.toString());
      }
    }
  }

  private void commit(Connection c) throws SQLException {
    try {
      c.commit();
    } catch (SQLException e) {
      if (SqlFailures.INSTANCE.isTransient(e)) {
        throw new UnavailableException(endpoint.backend(), false, endpoint.backend()
            + ": connection lost during COMMIT; the transaction may or may not have been committed"
            + " [SQLSTATE " + e.getSQLState() + "]", e);
      }
      throw e;
    }
  }

  private static boolean isConflict(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void sleepBeforeRetry(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryException("40001", "interrupted while waiting to retry a conflicting transaction", e);
    }
  }
}
