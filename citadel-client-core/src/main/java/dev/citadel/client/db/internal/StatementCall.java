package dev.citadel.client.db.internal;

import dev.citadel.client.db.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One statement of a {@link dev.citadel.client.db.SqlClient} call: what to run, how to read its
 * result and which path it takes. It is at once the policy's work (each attempt borrows a
 * connection through {@link StatementPath#runOnBorrowed}) and the work of a routed transaction.
 *
 * <p>Calls are reused ({@link Spares}) rather than allocated per call: the caller's varargs
 * array and boxed parameters already take most of the few bytes per call the SDK may add to raw
 * JDBC (see BENCHMARKS.md), and the JIT cannot remove a per-call object that crosses the policy.
 * Not thread-safe: a call is confined to the thread that took it until it is put back.
 *
 * @param <R> what the call returns (see {@link Statements.Kind})
 */
final class StatementCall<R> implements Callable<R>, StatementPath.TransactionWork<R> {
  private final StatementPath path;
  private Statements.Kind kind;
  private String sql;
  private RowMapper<?> mapper;
  private Object[] params;
  private List<Object[]> rows;

  private StatementCall(StatementPath path) {
    this.path = path;
  }

  /**
   * Finished calls of one path kept for reuse, one slot per thread (by thread id, so threads
   * rarely share one). Taking empties the slot, so a call is never handed out twice: a call made
   * while the thread's own is out (a row mapper calling the SDK) finds the slot empty and gets a
   * fresh one. Lock-free; owned by the path, so nothing outlives its client (no thread-local
   * keeps SDK objects on the host's threads).
   */
  static final class Spares {
    private static final int SLOTS = 32;
    /** Slots a cache line apart: threads on other cores do not contend for one line. */
    private static final int STRIDE = 16;

    private final StatementPath path;
    private final AtomicReferenceArray<StatementCall<?>> slots = new AtomicReferenceArray<>(SLOTS * STRIDE);

    Spares(StatementPath path) {
      this.path = path;
    }

    /**
     * A call set up for one statement: the thread's spare, or a fresh one. Hand it back with
     * {@link #putBack} when the statement is done.
     *
     * @param mapper the row mapper (query kinds only)
     * @param params the parameters (all kinds but {@link Statements.Kind#BATCH})
     * @param rows the parameter rows ({@link Statements.Kind#BATCH} only)
     */
    @SuppressWarnings("unchecked")
    <R> StatementCall<R> take(
        Statements.Kind kind, String sql, RowMapper<?> mapper, Object[] params, List<Object[]> rows) {
      StatementCall<R> call = (StatementCall<R>) slots.getAndSet(slot(), null);
      if (call == null) {
        call = new StatementCall<>(path);
      }
      call.kind = kind;
      call.sql = sql;
      call.mapper = mapper;
      call.params = params;
      call.rows = rows;
      return call;
    }

    /** Drops the caller's arguments from {@code call} and keeps it for the thread's next statement. */
    void putBack(StatementCall<?> call) {
      call.kind = null;
      call.sql = null;
      call.mapper = null;
      call.params = null;
      call.rows = null;
      slots.set(slot(), call);
    }

    private static int slot() {
      return ((int) Thread.currentThread().getId() & (SLOTS - 1)) * STRIDE;
    }
  }

  Statements.Kind kind() {
    return kind;
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
