package dev.citadel.client.db.internal;

import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The statements of one open transaction; translates failures as they happen. */
final class TransactionImpl implements Transaction {
  private final Connection connection;
  private final String schema;
  private final PgEndpoint endpoint;

  TransactionImpl(Connection connection, String schema, PgEndpoint endpoint) {
    this.connection = connection;
    this.schema = schema;
    this.endpoint = endpoint;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public String schema() {
    return schema;
  }

  private RuntimeException fail(SQLException e) {
    return SqlFailures.INSTANCE.translate(endpoint.backend(), e, 1);
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    try {
      return Statements.query(connection, sql, mapper, params, endpoint.timeoutSeconds());
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public <T> T queryOne(String sql, RowMapper<T> mapper, Object... params) {
    try {
      return Statements.queryAtMostOne(connection, sql, mapper, params, endpoint.timeoutSeconds(), true)
          .orElse(null);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public <T> Optional<T> queryOptional(String sql, RowMapper<T> mapper, Object... params) {
    try {
      return Statements.queryAtMostOne(connection, sql, mapper, params, endpoint.timeoutSeconds(), false);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public <T> Stream<T> stream(String sql, RowMapper<T> mapper, Object... params) {
    try {
      return Statements.stream(
          connection, sql, mapper, params, endpoint.timeoutSeconds(), () -> {}, this::fail);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int update(String sql, Object... params) {
    try {
      return Statements.update(connection, sql, params, endpoint.timeoutSeconds());
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    try {
      return Statements.batch(connection, sql, rows, endpoint.timeoutSeconds());
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
