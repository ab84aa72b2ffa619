package dev.citadel.client.db.internal;

import dev.citadel.client.QueryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * Explains a routed statement that found no table ({@code 42P01}) or no schema to create in
 * ({@code 3F000}) when its model schema does not exist: PostgreSQL accepts a {@code search_path}
 * naming a missing schema, so the server's own text ("relation ... does not exist") never says
 * that the schema is what is missing, typically because {@code migrate()} has not run.
 */
final class MissingModelSchema {
  /** undefined_table, invalid_schema_name. */
  private static final Set<String> NOTHING_THERE = Set.of("42P01", "3F000");

  private MissingModelSchema() {}

  /**
   * {@code failure}, or a {@link QueryException} saying the model schema is missing and pointing
   * at {@code migrate()} when {@code failure} is a missing table or schema and {@code schema} does
   * not exist. Looks the schema up on {@code c} only for such a failure.
   *
   * @param c the connection the routed statement ran on, out of its transaction
   * @param schema the model schema the statement was routed to
   * @param failure what the routed transaction threw: the driver's exception or its translation
   */
  static Exception explain(Connection c, String schema, Exception failure) {
    // Statements inside a transaction arrive already translated, the driver's exception as cause.
    SQLException e = failure instanceof SQLException s ? s
        : failure instanceof QueryException && failure.getCause() instanceof SQLException s ? s : null;
    if (e == null || !NOTHING_THERE.contains(e.getSQLState()) || exists(c, schema)) {
      return failure;
    }
    return new QueryException(e.getSQLState(), e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]: the model"
        + " schema \"" + schema + "\" does not exist in this database; run db.migrate() first (it creates the"
        + " schema of every configured model and its tables)", e);
  }

  private static boolean exists(Connection c, String schema) {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      s.setString(1, schema);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException lookupFailed) {
      return true; // cannot tell: keep the server's own error
    }
  }
}
