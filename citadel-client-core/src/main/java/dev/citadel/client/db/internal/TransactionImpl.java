package dev.citadel.client.db.internal;

import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The statements of one open transaction, run by the path's {@link Statements} on the
 * transaction's connection; failures are translated as they happen, so the callback sees typed
 * exceptions (and {@link StatementPath} still recognises a conflict among them).
 */
final class TransactionImpl implements Transaction {
  private final Connection connection;
  private final StatementPath path;

  TransactionImpl(Connection connection, StatementPath path) {
    this.connection = connection;
    this.path = path;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public String schema() {
    return path.schema();
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    return run(Statements.Kind.LIST, sql, mapper, params, null);
  }

  @Override
  public <T> T queryOne(String sql, RowMapper<T> mapper, Object... params) {
    return run(Statements.Kind.ONE, sql, mapper, params, null);
  }

  @Override
  public <T> Optional<T> queryOptional(String sql, RowMapper<T> mapper, Object... params) {
    return run(Statements.Kind.OPTIONAL, sql, mapper, params, null);
  }

  @Override
  public int update(String sql, Object... params) {
    Integer count = run(Statements.Kind.UPDATE, sql, null, params, null);
    return count;
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    return run(Statements.Kind.BATCH, sql, null, null, Objects.requireNonNull(rows, "rows"));
  }

  @Override
  public <T> Stream<T> stream(String sql, RowMapper<T> mapper, Object... params) {
    Objects.requireNonNull(sql, "sql");
    try {
      // The transaction's own connection: closing the stream leaves the transaction open.
      return path.statements().stream(connection, sql, mapper, params, () -> {}, path::translate);
    } catch (SQLException e) {
      throw path.translate(e);
    }
  }

  private <R> R run(
      Statements.Kind kind, String sql, RowMapper<?> mapper, Object[] params, List<Object[]> rows) {
    Objects.requireNonNull(sql, "sql");
    try {
      return path.statements().run(connection, kind, sql, mapper, params, rows);
    } catch (SQLException e) {
      throw path.translate(e);
    }
  }
}
