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
}
