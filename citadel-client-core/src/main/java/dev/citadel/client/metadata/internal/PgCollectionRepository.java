package dev.citadel.client.metadata.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.metadata.CollectionRepository;
import dev.citadel.client.metadata.VectorCollection;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link CollectionRepository} over the {@code collections} table. */
final class PgCollectionRepository extends PgVersionedRepository<VectorCollection> implements CollectionRepository {
  PgCollectionRepository(SqlClient sql, String schema) {
    super(new VersionedTable<>(sql, schema, "collections", "collection", rs -> new VectorCollection(
        Rows.uuid(rs, "id"), rs.getString("name"), rs.getString("description"), rs.getInt("vector_size"),
        rs.getString("distance"), Rows.uuid(rs, "owner_id"), rs.getString("metadata"), rs.getLong("version"),
        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")), VectorCollection::createdAt,
        VectorCollection::id));
  }

  @Override
  public VectorCollection create(String name, int vectorSize, String distance, UUID ownerId, String description) {
    Rows.requireText(name, "name");
    if (vectorSize <= 0) {
      throw new InvalidArgumentException("vectorSize", "must be positive, was " + vectorSize);
    }
    if (!DISTANCES.contains(distance)) {
      throw new InvalidArgumentException("distance", "must be one of " + DISTANCES + ", was " + distance);
    }
    return table.insert("(name, vector_size, distance, owner_id, description) VALUES (?, ?, ?, ?, ?)",
        name, vectorSize, distance, ownerId, description);
  }

  @Override
  public Optional<VectorCollection> findByName(String name) {
    return table.findBy("name", name);
  }

  @Override
  public VectorCollection update(VectorCollection c) {
    return table.update("description = ?, owner_id = ?, metadata = coalesce(?::jsonb, metadata)", "",
        c.id(), c.version(), c.description(), c.ownerId(), c.metadata());
  }

  @Override
  public Page<VectorCollection> list(UUID ownerId, PageRequest page) {
    return ownerId == null
        ? table.page("TRUE", List.of(), page)
        : table.page("owner_id = ?", List.of(ownerId), page);
  }
}
