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

/** CRUD and listing for {@code vector_metadata}. Thread-safe. */
public final class VectorMetadataRepository {
  private static final RowMapper<VectorRecord> MAPPER = rs -> new VectorRecord(
      Rows.uuid(rs, "id"), Rows.uuid(rs, "collection_id"), Rows.uuid(rs, "point_id"), rs.getString("document_id"),
      (Integer) rs.getObject("chunk_index"), rs.getString("content_hash"), rs.getString("payload"),
      rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

  private final SqlClient sql;
  private final String table;

  VectorMetadataRepository(SqlClient sql, String schema) {
    this.sql = sql;
    this.table = Rows.table(schema, "vector_metadata");
  }

  /**
   * Records a point.
   *
   * @param payloadJson a JSON object; null for {@code {}}
   * @throws dev.citadel.client.ConstraintViolationException when the point id already exists in
   *     the collection or the collection does not
   */
  public VectorRecord create(UUID collectionId, UUID pointId, String documentId, Integer chunkIndex,
      String contentHash, String payloadJson) {
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(pointId, "pointId");
    return sql.queryOne("INSERT INTO " + table + " (collection_id, point_id, document_id, chunk_index,"
            + " content_hash, payload) VALUES (?, ?, ?, ?, ?, coalesce(?::jsonb, '{}'::jsonb)) RETURNING *",
        MAPPER, collectionId, pointId, documentId, chunkIndex, contentHash, payloadJson);
  }

  /** The record with {@code id}, if any. */
  public Optional<VectorRecord> find(UUID id) {
    return sql.queryOptional("SELECT * FROM " + table + " WHERE id = ?", MAPPER, Objects.requireNonNull(id, "id"));
  }

  /**
   * The record with {@code id}.
   *
   * @throws NotFoundException when there is none
   */
  public VectorRecord get(UUID id) {
    return find(id).orElseThrow(() -> new NotFoundException("vector record", id));
  }

  /** The chunks of one document, in chunk order. */
  public List<VectorRecord> byDocument(UUID collectionId, String documentId) {
    return sql.query("SELECT * FROM " + table + " WHERE collection_id = ? AND document_id = ?"
        + " ORDER BY chunk_index", MAPPER, collectionId, documentId);
  }

  /**
   * Saves content hash and payload if the version is current.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  public VectorRecord update(VectorRecord r) {
    return sql.queryOptional("UPDATE " + table + " SET content_hash = ?, payload = coalesce(?::jsonb, payload),"
            + " version = version + 1, updated_at = now() WHERE id = ? AND version = ? RETURNING *",
        MAPPER, r.contentHash(), r.payload(), r.id(), r.version())
        .orElseThrow(() -> Rows.notChanged(sql, table, "vector record", r.id(), r.version()));
  }

  /**
   * Deletes the record if the version is current.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  public void delete(UUID id, long expectedVersion) {
    if (sql.update("DELETE FROM " + table + " WHERE id = ? AND version = ?", id, expectedVersion) == 0) {
      throw Rows.notChanged(sql, table, "vector record", id, expectedVersion);
    }
  }

  /** The records of one collection, in creation order. */
  public Page<VectorRecord> list(UUID collectionId, PageRequest page) {
    return Rows.page(sql, table, "collection_id = ?", List.of(Objects.requireNonNull(collectionId, "collectionId")),
        page, MAPPER, VectorRecord::createdAt, VectorRecord::id);
  }
}
