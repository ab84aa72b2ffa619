package dev.citadel.client.db.internal;

import dev.citadel.client.db.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One statement of a {@link dev.citadel.client.db.SqlClient} call: what to run, how to read its
 * result and which path it takes. It is at once the policy's work (each attempt borrows a
 * connection through {@link StatementPath#runOnBorrowed}) and the work of a routed transaction,
 * so a call allocates this one object around the caller's arguments and nothing else.
 *
 * @param <R> what the call returns (see {@link Statements.Kind})
 */
final class StatementCall<R> implements Callable<R>, StatementPath.TransactionWork<R> {
  private final StatementPath path;
  private final Statements.Kind kind;
  private final String sql;
  private final RowMapper<?> mapper;
  private final Object[] params;
  private final List<Object[]> rows;

  private StatementCall(
      StatementPath path, Statements.Kind kind, String sql, RowMapper<?> mapper, Object[] params,
      List<Object[]> rows) {
    this.path = path;
    this.kind = kind;
    this.sql = sql;
    this.mapper = mapper;
    this.params = params;
    this.rows = rows;
  }

  /** A query or update of {@code kind} with {@code params}. */
  static <R> StatementCall<R> of(
      StatementPath path, Statements.Kind kind, String sql, RowMapper<?> mapper, Object[] params) {
    return new StatementCall<>(path, kind, sql, mapper, params, null);
  }

  /** One JDBC batch of {@code rows}. */
  static StatementCall<int[]> batch(StatementPath path, String sql, List<Object[]> rows) {
    return new StatementCall<>(path, Statements.Kind.BATCH, sql, null, null, rows);
  }

  Statements.Kind kind() {
    return kind;
  }

  /**
   * Whether the statement may run again after it reached the server: only reads. Writes, and
   * queries that write ({@code INSERT ... RETURNING}), are retried only when never sent.
   */
  boolean idempotent() {
    return kind != Statements.Kind.UPDATE && kind != Statements.Kind.BATCH && Statements.isRead(sql);
  }

  @Override
  public R call() throws Exception {
    return path.runOnBorrowed(this);
  }

  @Override
  public R runIn(Connection connection) throws SQLException {
    return path.statements().run(connection, kind, sql, mapper, params, rows);
  }
}
