package dev.citadel.client.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the current row of a {@link ResultSet} to an object. Called once per row; must not move
 * the cursor.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RowMapper<T> {
  /** Maps the current row. */
  T map(ResultSet row) throws SQLException;

  /**
   * The first column as {@code type}, via {@link ResultSet#getObject(int, Class)}: for
   * {@code SELECT count(*)}, {@code column(Long.class)}; SQL NULL becomes null.
   */
  static <T> RowMapper<T> column(Class<T> type) {
    return row -> row.getObject(1, type);
  }
}
