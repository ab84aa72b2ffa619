package dev.citadel.client.metadata;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.metadata.internal.Rows;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Create, read, update, delete and list {@code users}. Thread-safe. Duplicate usernames or emails
 * raise {@link dev.citadel.client.ConstraintViolationException}.
 */
public final class UserRepository {
  private static final RowMapper<User> MAPPER = rs -> new User(
      Rows.uuid(rs, "id"), rs.getString("username"), rs.getString("email"), rs.getString("full_name"),
      rs.getBoolean("active"), rs.getString("attributes"), rs.getLong("version"),
      Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

  private final SqlClient sql;
  private final String table;

  UserRepository(SqlClient sql, String schema) {
    this.sql = sql;
    this.table = Rows.table(schema, "users");
  }

  /** Creates an active user with empty attributes. */
  public User create(String username, String email, String fullName) {
    requireText(username, "username");
    return sql.queryOne("INSERT INTO " + table + " (username, email, full_name) VALUES (?, ?, ?) RETURNING *",
        MAPPER, username, email, fullName);
  }

  /** The user with {@code id}, if any. */
  public Optional<User> find(UUID id) {
    return sql.queryOptional("SELECT * FROM " + table + " WHERE id = ?", MAPPER, Objects.requireNonNull(id, "id"));
  }

  /**
   * The user with {@code id}.
   *
   * @throws NotFoundException when there is none
   */
  public User get(UUID id) {
    return find(id).orElseThrow(() -> new NotFoundException("user", id));
  }

  /** The user with {@code username}, if any. */
  public Optional<User> findByUsername(String username) {
    return sql.queryOptional("SELECT * FROM " + table + " WHERE username = ?", MAPPER, username);
  }

  /**
   * Saves email, full name, active flag and attributes of {@code user}, if its version is still
   * current; returns the saved row with the next version.
   *
   * @throws VersionConflictException when the row changed since {@code user} was read
   * @throws NotFoundException when the row is gone
   */
  public User update(User user) {
    return sql.queryOptional("UPDATE " + table + " SET email = ?, full_name = ?, active = ?,"
            + " attributes = coalesce(?::jsonb, attributes), version = version + 1, updated_at = now()"
            + " WHERE id = ? AND version = ? RETURNING *",
        MAPPER, user.email(), user.fullName(), user.active(), user.attributes(), user.id(), user.version())
        .orElseThrow(() -> Rows.notChanged(sql, table, "user", user.id(), user.version()));
  }

  /**
   * Deletes the user if {@code expectedVersion} is current.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  public void delete(UUID id, long expectedVersion) {
    if (sql.update("DELETE FROM " + table + " WHERE id = ? AND version = ?", id, expectedVersion) == 0) {
      throw Rows.notChanged(sql, table, "user", id, expectedVersion);
    }
  }

  /** Users in creation order, optionally only active ones. */
  public Page<User> list(boolean activeOnly, PageRequest page) {
    return Rows.page(sql, table, activeOnly ? "active" : "TRUE", List.of(), page, MAPPER, User::createdAt, User::id);
  }

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
