package dev.citadel.client.metadata;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.metadata.internal.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** CRUD and listing for {@code collections}. Thread-safe. */
public final class CollectionRepository {
  private static final Set<String> DISTANCES = Set.of("Cosine", "Dot", "Euclid", "Manhattan");
  private static final RowMapper<VectorCollection> MAPPER = rs -> new VectorCollection(
      Rows.uuid(rs, "id"), rs.getString("name"), rs.getString("description"), rs.getInt("vector_size"),
      rs.getString("distance"), Rows.uuid(rs, "owner_id"), rs.getString("metadata"), rs.getLong("version"),
      Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

  private final SqlClient sql;
  private final String table;

  CollectionRepository(SqlClient sql, String schema) {
    this.sql = sql;
    this.table = Rows.table(schema, "collections");
  }

  /**
   * Registers a collection.
   *
   * @param distance {@code Cosine}, {@code Dot}, {@code Euclid} or {@code Manhattan}
   * @param ownerId owning user, or null
   * @throws IllegalArgumentException for a non-positive size or an unknown distance
   */
  public VectorCollection create(String name, int vectorSize, String distance, UUID ownerId, String description) {
    UserRepository.requireText(name, "name");
    if (vectorSize <= 0) {
      throw new IllegalArgumentException("vectorSize must be positive, was " + vectorSize);
    }
    if (!DISTANCES.contains(distance)) {
      throw new IllegalArgumentException("distance must be one of " + DISTANCES + ", was " + distance);
    }
    return sql.queryOne("INSERT INTO " + table + " (name, vector_size, distance, owner_id, description)"
        + " VALUES (?, ?, ?, ?, ?) RETURNING *", MAPPER, name, vectorSize, distance, ownerId, description);
  }

  /** The collection with {@code id}, if any. */
  public Optional<VectorCollection> find(UUID id) {
    return sql.queryOptional("SELECT * FROM " + table + " WHERE id = ?", MAPPER, Objects.requireNonNull(id, "id"));
  }

  /**
   * The collection with {@code id}.
   *
   * @throws NotFoundException when there is none
   */
  public VectorCollection get(UUID id) {
    return find(id).orElseThrow(() -> new NotFoundException("collection", id));
  }

  /** The collection named {@code name}, if any. */
  public Optional<VectorCollection> findByName(String name) {
    return sql.queryOptional("SELECT * FROM " + table + " WHERE name = ?", MAPPER, name);
  }

  /**
   * Saves description, owner and metadata if the version is current.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  public VectorCollection update(VectorCollection c) {
    return sql.queryOptional("UPDATE " + table + " SET description = ?, owner_id = ?,"
            + " metadata = coalesce(?::jsonb, metadata), version = version + 1, updated_at = now()"
            + " WHERE id = ? AND version = ? RETURNING *",
        MAPPER, c.description(), c.ownerId(), c.metadata(), c.id(), c.version())
        .orElseThrow(() -> Rows.notChanged(sql, table, "collection", c.id(), c.version()));
  }

  /**
   * Deletes the collection (its vector metadata and jobs go with it) if the version is current.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  public void delete(UUID id, long expectedVersion) {
    if (sql.update("DELETE FROM " + table + " WHERE id = ? AND version = ?", id, expectedVersion) == 0) {
      throw Rows.notChanged(sql, table, "collection", id, expectedVersion);
    }
  }

  /** Collections in creation order; {@code ownerId} null means all owners. */
  public Page<VectorCollection> list(UUID ownerId, PageRequest page) {
    List<Object> params = new ArrayList<>();
    String where = "TRUE";
    if (ownerId != null) {
      where = "owner_id = ?";
      params.add(ownerId);
    }
    return Rows.page(sql, table, where, params, page, MAPPER, VectorCollection::createdAt, VectorCollection::id);
  }
}
