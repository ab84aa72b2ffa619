package dev.citadel.client.db.internal;

import dev.citadel.client.ResultSizeException;
import dev.citadel.client.db.RowMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one place that runs a statement on a connection: binding, the endpoint's statement timeout,
 * row mapping and result-size checks. Plain calls, routed calls and transactions all come here.
 * One instance per endpoint; every method throws raw SQLExceptions (the caller translates them).
 */
final class Statements {
  static final int STREAM_FETCH_SIZE = 500;
  private static final Object[] NO_PARAMS = {};

  /** What a statement returns, and so how its result is read. */
  enum Kind {
    /** All rows, mapped: {@code List<T>}. */
    LIST("query"),
    /** Exactly one row, mapped: {@code T}. */
    ONE("query"),
    /** Zero or one row, mapped: {@code Optional<T>}. */
    OPTIONAL("query"),
    /** The affected row count: {@code Integer}. */
    UPDATE("update"),
    /** The counts of one JDBC batch: {@code int[]}. */
    BATCH("batch");

    private final String operation;

    Kind(String operation) {
      this.operation = operation;
    }

    /** The operation's name in metrics. */
    String operation() {
      return operation;
    }
  }

  private final ConnectionSetup connectionSetup;

  /** @param connectionSetup gives each statement's {@code setQueryTimeout} (0 for none) */
  Statements(ConnectionSetup connectionSetup) {
    this.connectionSetup = connectionSetup;
  }

  /**
   * Runs one statement of {@code kind} and reads its result.
   *
   * @param mapper the row mapper (query kinds only)
   * @param params the parameters (all kinds but {@link Kind#BATCH})
   * @param rows the parameter rows ({@link Kind#BATCH} only)
   * @return what {@code kind} says
   */
  @SuppressWarnings("unchecked")
  <R> R run(Connection c, Kind kind, String sql, RowMapper<?> mapper, Object[] params, List<Object[]> rows)
      throws SQLException {
    return (R) switch (kind) {
      case LIST -> query(c, sql, mapper, params);
      case ONE -> queryAtMostOne(c, sql, mapper, params, true);
      case OPTIONAL -> Optional.ofNullable(queryAtMostOne(c, sql, mapper, params, false));
      case UPDATE -> update(c, sql, params);
      case BATCH -> batch(c, sql, rows);
    };
  }

  /** A statement with the endpoint's timeout and {@code params} bound; closed if binding fails. */
  private PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    int queryTimeoutSeconds = connectionSetup.queryTimeoutSeconds();
    try {
      if (queryTimeoutSeconds > 0) {
        ps.setQueryTimeout(queryTimeoutSeconds);
      }
      bind(ps, params);
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object v = params[i];
      if (v == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (v instanceof Instant instant) {
        ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      } else if (v instanceof Enum<?> e) {
        ps.setString(i + 1, e.name());
      } else {
        ps.setObject(i + 1, v);
      }
    }
  }

  private <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object[] params)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    }
  }

  /** The one row, or null when there is none (and none is required) or it maps to null. */
  private <T> T queryAtMostOne(
      Connection c, String sql, RowMapper<T> mapper, Object[] params, boolean required)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        if (required) {
          throw new ResultSizeException("exactly 1", 0);
        }
        return null;
      }
      T row = mapper.map(rs);
      if (rs.next()) {
        throw new ResultSizeException(required ? "exactly 1" : "at most 1", 2);
      }
      return row;
    }
  }

  private int update(Connection c, String sql, Object[] params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  private int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, NO_PARAMS)) {
      for (Object[] row : rows) {
        bind(ps, row);
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }

  /**
   * A lazily fetched stream over a cursor (the connection must not be in auto-commit).
   * {@code onClose} runs after the result set and statement are closed.
   */
  <T> Stream<T> stream(
      Connection c, String sql, RowMapper<T> mapper, Object[] params, Runnable onClose, RowFailure failures)
      throws SQLException {
    PreparedStatement ps = prepare(c, sql, params);
    ResultSet rs;
    try {
      ps.setFetchSize(STREAM_FETCH_SIZE);
      rs = ps.executeQuery();
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
    Spliterator<T> rows =
        new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super T> action) {
            try {
              if (!rs.next()) {
                return false;
              }
              action.accept(mapper.map(rs));
              return true;
            } catch (SQLException e) {
              throw failures.translate(e);
            }
          }
        };
    return StreamSupport.stream(rows, false)
        .onClose(
            () -> {
              try (ps;
                  rs) {
                // closes the cursor first, then the statement
              } catch (SQLException e) {
                throw failures.translate(e);
              } finally {
                onClose.run();
              }
            });
  }

  /** Translates an SQLException met while iterating, outside any policy. */
  @FunctionalInterface
  interface RowFailure {
    RuntimeException translate(SQLException e);
  }
}
