package dev.citadel.client.metadata.internal;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlOperations;
import dev.citadel.client.metadata.Page;
import dev.citadel.client.metadata.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Shared mechanics of the metadata repositories. */
public final class Rows {
  private Rows() {}

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  /**
   * After an optimistic {@code UPDATE/DELETE ... WHERE id = ? AND version = ?} touched no row:
   * tells "changed by someone else" from "gone".
   */
  public static RuntimeException notChanged(
      SqlOperations sql, String table, String entity, UUID id, long expectedVersion) {
    boolean exists = sql.queryOptional("SELECT 1 FROM " + table + " WHERE id = ?", RowMapper.column(Integer.class), id)
        .isPresent();
    return exists ? new VersionConflictException(entity, id, expectedVersion) : new NotFoundException(entity, id);
  }

  /**
   * One keyset page ordered by {@code (created_at, id)}. {@code where} is a condition on the
   * table (or {@code TRUE}) with {@code params}; the cursor condition is appended here.
   */
  public static <T> Page<T> page(SqlOperations sql, String table, String where, List<Object> params,
      PageRequest page, RowMapper<T> mapper, Function<T, Instant> createdAt, Function<T, UUID> id) {
    List<Object> args = new ArrayList<>(params);
    StringBuilder query = new StringBuilder("SELECT * FROM ").append(table).append(" WHERE ").append(where);
    if (page.cursor() != null) {
      Keyset.Position after = Keyset.decode(page.cursor());
      query.append(" AND (created_at, id) > (?, ?)");
      args.add(after.createdAt());
      args.add(after.id());
    }
    query.append(" ORDER BY created_at, id LIMIT ?");
    args.add(page.limit() + 1);
    List<T> rows = sql.query(query.toString(), mapper, args.toArray());
    if (rows.size() <= page.limit()) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, page.limit());
    T last = items.get(items.size() - 1);
    return new Page<>(items, Keyset.encode(createdAt.apply(last), id.apply(last)));
  }

  /** The metadata schema's table, quoted (the schema is a validated identifier). */
  public static String table(String schema, String name) {
    return '"' + schema + "\"." + name;
  }
}
