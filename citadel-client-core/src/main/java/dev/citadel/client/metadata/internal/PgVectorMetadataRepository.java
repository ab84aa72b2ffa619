package dev.citadel.client.metadata.internal;

import dev.citadel.client.db.SqlClient;
import dev.citadel.client.metadata.VectorMetadataRepository;
import dev.citadel.client.metadata.VectorRecord;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@link VectorMetadataRepository} over the {@code vector_metadata} table. */
final class PgVectorMetadataRepository extends PgVersionedRepository<VectorRecord> implements VectorMetadataRepository {
  PgVectorMetadataRepository(SqlClient sql, String schema) {
    super(new VersionedTable<>(sql, schema, "vector_metadata", "vector record", rs -> new VectorRecord(
        Rows.uuid(rs, "id"), Rows.uuid(rs, "collection_id"), Rows.uuid(rs, "point_id"), rs.getString("document_id"),
        (Integer) rs.getObject("chunk_index"), rs.getString("content_hash"), rs.getString("payload"),
        rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")),
        VectorRecord::createdAt, VectorRecord::id));
  }

  @Override
  public VectorRecord create(UUID collectionId, UUID pointId, String documentId, Integer chunkIndex,
      String contentHash, String payloadJson) {
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(pointId, "pointId");
    return table.insert("(collection_id, point_id, document_id, chunk_index, content_hash, payload)"
            + " VALUES (?, ?, ?, ?, ?, coalesce(?::jsonb, '{}'::jsonb))",
        collectionId, pointId, documentId, chunkIndex, contentHash, payloadJson);
  }

  @Override
  public List<VectorRecord> byDocument(UUID collectionId, String documentId) {
    return table.rows("SELECT * FROM " + table.name() + " WHERE collection_id = ? AND document_id = ?"
        + " ORDER BY chunk_index", collectionId, documentId);
  }

  @Override
  public VectorRecord update(VectorRecord r) {
    return table.update("content_hash = ?, payload = coalesce(?::jsonb, payload)", "",
        r.id(), r.version(), r.contentHash(), r.payload());
  }

  @Override
  public Page<VectorRecord> list(UUID collectionId, PageRequest page) {
    return table.page("collection_id = ?", List.of(Objects.requireNonNull(collectionId, "collectionId")), page);
  }
}
