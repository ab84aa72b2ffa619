package dev.citadel.client.metadata.internal;

import dev.citadel.client.db.SqlClient;
import dev.citadel.client.metadata.User;
import dev.citadel.client.metadata.UserRepository;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} over the {@code users} table. */
final class PgUserRepository extends PgVersionedRepository<User> implements UserRepository {
  PgUserRepository(SqlClient sql, String schema) {
    super(new VersionedTable<>(sql, schema, "users", "user", rs -> new User(
        Rows.uuid(rs, "id"), rs.getString("username"), rs.getString("email"), rs.getString("full_name"),
        rs.getBoolean("active"), rs.getString("attributes"), rs.getLong("version"),
        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")), User::createdAt, User::id));
  }

  @Override
  public User create(String username, String email, String fullName) {
    return table.insert("(username, email, full_name) VALUES (?, ?, ?)",
        Rows.requireText(username, "username"), email, fullName);
  }

  @Override
  public Optional<User> findByUsername(String username) {
    return table.findBy("username", username);
  }

  @Override
  public User update(User user) {
    return table.update("email = ?, full_name = ?, active = ?, attributes = coalesce(?::jsonb, attributes)", "",
        user.id(), user.version(), user.email(), user.fullName(), user.active(), user.attributes());
  }

  @Override
  public Page<User> list(boolean activeOnly, PageRequest page) {
    return table.page(activeOnly ? "active" : "TRUE", List.of(), page);
  }
}
