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
import java.util.Locale;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** JDBC mechanics shared by plain calls and transactions; every method throws raw SQLExceptions. */
final class Statements {
  static final int STREAM_FETCH_SIZE = 500;

  private Statements() {}

  /**
   * Whether {@code sql} only reads, judged by its first keyword ({@code SELECT}, {@code SHOW},
   * {@code VALUES}, {@code TABLE}, {@code EXPLAIN}) after comments and parentheses. Only such
   * statements are retried after they may have reached the server; {@code INSERT ... RETURNING}
   * and {@code WITH} statements are not, even through the query methods.
   */
  static boolean isRead(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
    return switch (word) {
      case "select", "show", "values", "table", "explain" -> true;
      default -> false;
    };
  }

  static PreparedStatement prepare(Connection c, String sql, Object[] params, int timeoutSeconds)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      if (timeoutSeconds > 0) {
        ps.setQueryTimeout(timeoutSeconds);
      }
      bind(ps, params);
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  static void bind(PreparedStatement ps, Object[] params) throws SQLException {
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

  static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object[] params, int timeout)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params, timeout);
        ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    }
  }

  static <T> Optional<T> queryAtMostOne(
      Connection c, String sql, RowMapper<T> mapper, Object[] params, int timeout, boolean required)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params, timeout)) {
      try (ResultSet rs = ps.executeQuery()) {
        String expected = required ? "exactly 1" : "at most 1";
        if (!rs.next()) {
          if (required) {
            throw new ResultSizeException(expected, 0);
          }
          return Optional.empty();
        }
        T row = mapper.map(rs);
        if (rs.next()) {
          throw new ResultSizeException(expected, 2);
        }
        return Optional.ofNullable(row);
      }
    }
  }

  static int update(Connection c, String sql, Object[] params, int timeout) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params, timeout)) {
      return ps.executeUpdate();
    }
  }

  static int[] batch(Connection c, String sql, List<Object[]> rows, int timeout) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (timeout > 0) {
        ps.setQueryTimeout(timeout);
      }
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
  static <T> Stream<T> stream(
      Connection c, String sql, RowMapper<T> mapper, Object[] params, int timeout,
      Runnable onClose, RowFailure failures) throws SQLException {
    PreparedStatement ps = prepare(c, sql, params, timeout);
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
