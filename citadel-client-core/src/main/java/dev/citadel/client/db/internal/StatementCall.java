package dev.citadel.client.db.internal;

import dev.citadel.client.db.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One statement of a {@link dev.citadel.client.db.SqlClient} call: what to run, how to read its
 * result and which path it takes. It is at once the policy's work (each attempt borrows a
 * connection through {@link StatementPath#runOnBorrowed}) and the work of a routed transaction.
 *
 * <p>Each thread reuses one instance ({@link #start}, {@link #finish}) instead of allocating
 * one per call: the caller's varargs array and boxed parameters already take most of the few
 * bytes per call the SDK may add to raw JDBC (see BENCHMARKS.md), and the JIT cannot remove a
 * per-call object that crosses the policy. A call made while the thread's instance is in use (a
 * row mapper calling the SDK) gets a fresh one. Not thread-safe: confined to its call.
 *
 * @param <R> what the call returns (see {@link Statements.Kind})
 */
final class StatementCall<R> implements Callable<R>, StatementPath.TransactionWork<R> {
  private static final ThreadLocal<StatementCall<?>> SPARE = ThreadLocal.withInitial(StatementCall::new);

  private boolean inUse;
  private StatementPath path;
  private Statements.Kind kind;
  private String sql;
  private RowMapper<?> mapper;
  private Object[] params;
  private List<Object[]> rows;

  private StatementCall() {}

  /**
   * The calling thread's instance (or a fresh one while that is in use), set up for one call;
   * hand it back with {@link #finish} when the call ends.
   *
   * @param mapper the row mapper (query kinds only)
   * @param params the parameters (all kinds but {@link Statements.Kind#BATCH})
   * @param rows the parameter rows ({@link Statements.Kind#BATCH} only)
   */
  @SuppressWarnings("unchecked")
  static <R> StatementCall<R> start(
      StatementPath path, Statements.Kind kind, String sql, RowMapper<?> mapper, Object[] params,
      List<Object[]> rows) {
    StatementCall<R> call = (StatementCall<R>) SPARE.get();
    if (call.inUse) {
      call = new StatementCall<>();
    }
    call.inUse = true;
    call.path = path;
    call.kind = kind;
    call.sql = sql;
    call.mapper = mapper;
    call.params = params;
    call.rows = rows;
    return call;
  }

  /** Ends the call: drops the caller's arguments, so the thread's instance holds nothing of theirs. */
  void finish() {
    inUse = false;
    path = null;
    kind = null;
    sql = null;
    mapper = null;
    params = null;
    rows = null;
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
