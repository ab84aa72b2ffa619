package dev.citadel.client.db;

import dev.citadel.client.ResultSizeException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Statements with positional {@code ?} parameters, bound with {@code setObject} ({@link
 * java.time.Instant} is sent as {@code timestamptz}, enums by name). All failures are unchecked
 * {@link dev.citadel.client.CitadelException}s: {@link dev.citadel.client.QueryException} with
 * the SQLSTATE for errors the server reported, {@link dev.citadel.client.UnavailableException}
 * when the endpoint could not be reached.
 */
public interface SqlOperations {

  /** All rows, mapped. */
  <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

  /**
   * Exactly one row.
   *
   * @throws ResultSizeException when there are none or several
   */
  <T> T queryOne(String sql, RowMapper<T> mapper, Object... params);

  /**
   * Zero or one row.
   *
   * @throws ResultSizeException when there are several
   */
  <T> Optional<T> queryOptional(String sql, RowMapper<T> mapper, Object... params);

  /**
   * Rows fetched lazily in batches through a cursor. The stream holds a connection until it is
   * closed: use it in try-with-resources. Not retried once the first batch arrived.
   */
  <T> Stream<T> stream(String sql, RowMapper<T> mapper, Object... params);

  /** An INSERT, UPDATE, DELETE or DDL statement; returns the affected row count. */
  int update(String sql, Object... params);

  /** One statement executed for each parameter row in one JDBC batch; returns the counts. */
  int[] batch(String sql, List<Object[]> rows);
}
