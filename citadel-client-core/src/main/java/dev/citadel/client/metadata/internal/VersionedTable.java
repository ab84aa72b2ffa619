package dev.citadel.client.metadata.internal;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A metadata table whose rows carry {@code id}, {@code version} and {@code created_at}: the
 * statements every repository shares (read by id, optimistic update and delete, keyset pages),
 * written once. Thread-safe.
 *
 * @param <T> the row type
 */
public final class VersionedTable<T> {
  private final SqlClient sql;
  private final String name;
  private final String entity;
  private final RowMapper<T> mapper;
  private final Function<T, Instant> createdAt;
  private final Function<T, UUID> id;

  /**
   * @param schema the metadata schema (a validated identifier)
   * @param table the table's name in that schema
   * @param entity what a row is called in error messages, e.g. {@code user}
   */
  public VersionedTable(SqlClient sql, String schema, String table, String entity, RowMapper<T> mapper,
      Function<T, Instant> createdAt, Function<T, UUID> id) {
    this.sql = sql;
    this.name = '"' + schema + "\"." + table;
    this.entity = entity;
    this.mapper = mapper;
    this.createdAt = createdAt;
    this.id = id;
  }

  /** The schema-qualified, quoted table name, for statements written by the repository. */
  public String name() {
    return name;
  }

  /** Runs {@code statement} (which returns whole rows of this table) and maps every row. */
  public List<T> rows(String statement, Object... args) {
    return sql.query(statement, mapper, args);
  }

  /** Inserts one row: {@code columnsAndValues} is e.g. {@code (a, b) VALUES (?, ?)}. */
  public T insert(String columnsAndValues, Object... args) {
    return sql.queryOne("INSERT INTO " + name + ' ' + columnsAndValues + " RETURNING *", mapper, args);
  }

  /** The row whose {@code column} equals {@code value}, if any (the column must be unique). */
  public Optional<T> findBy(String column, Object value) {
    return sql.queryOptional("SELECT * FROM " + name + " WHERE " + column + " = ?", mapper, value);
  }

  /** The row with {@code id}, if any. */
  public Optional<T> find(UUID id) {
    return findBy("id", Objects.requireNonNull(id, "id"));
  }

  /** The row with {@code id}; {@link NotFoundException} when there is none. */
  public T get(UUID id) {
    return find(id).orElseThrow(() -> new NotFoundException(entity, id));
  }

  /**
   * Applies {@code assignments} (with {@code values} for their placeholders) to the row if its
   * version is still {@code version} and {@code condition} (empty or e.g. {@code AND status = 'x'})
   * holds; bumps version and {@code updated_at}.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  public T update(String assignments, String condition, UUID id, long version, Object... values) {
    Object[] args = new Object[values.length + 2];
    System.arraycopy(values, 0, args, 0, values.length);
    args[values.length] = id;
    args[values.length + 1] = version;
    return sql.queryOptional("UPDATE " + name + " SET " + assignments
            + ", version = version + 1, updated_at = now() WHERE id = ? AND version = ?" + condition + " RETURNING *",
        mapper, args)
        .orElseThrow(() -> notChanged(id, version));
  }

  /**
   * Deletes the row if its version is still {@code version}.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  public void delete(UUID id, long version) {
    if (sql.update("DELETE FROM " + name + " WHERE id = ? AND version = ?", id, version) == 0) {
      throw notChanged(id, version);
    }
  }

  /** After an optimistic statement touched no row: tells "changed by someone else" from "gone". */
  private RuntimeException notChanged(UUID id, long version) {
    boolean exists = sql.queryOptional("SELECT 1 FROM " + name + " WHERE id = ?", RowMapper.column(Integer.class), id)
        .isPresent();
    return exists ? new VersionConflictException(entity, id, version) : new NotFoundException(entity, id);
  }

  /**
   * One keyset page ordered by {@code (created_at, id)}. {@code where} is a condition on the
   * table (or {@code TRUE}) with {@code params}; the cursor condition is appended here.
   *
   * @throws dev.citadel.client.InvalidArgumentException when the request's cursor is malformed
   */
  public Page<T> page(String where, List<Object> params, PageRequest page) {
    List<Object> args = new ArrayList<>(params);
    StringBuilder query = new StringBuilder("SELECT * FROM ").append(name).append(" WHERE ").append(where);
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
}
