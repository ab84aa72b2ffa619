package dev.citadel.client.metadata;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * CRUD and listing for {@code vector_metadata}: each point of a collection as PostgreSQL knows
 * it. Implementations are thread-safe; obtain one from {@link Metadata#vectors()}.
 */
public interface VectorMetadataRepository {

  /**
   * Records a point.
   *
   * @param collectionId the collection, not null
   * @param pointId the Qdrant point id, not null, unique per collection
   * @param documentId the source document, or null
   * @param chunkIndex the chunk's position in the document, or null
   * @param contentHash hash of the embedded content, or null
   * @param payloadJson a JSON object; null for {@code {}}
   * @throws dev.citadel.client.ConstraintViolationException when the point id already exists in
   *     the collection or the collection does not
   */
  VectorRecord create(UUID collectionId, UUID pointId, String documentId, Integer chunkIndex,
      String contentHash, String payloadJson);

  /** The record with {@code id}, if any. */
  Optional<VectorRecord> find(UUID id);

  /**
   * The record with {@code id}.
   *
   * @throws NotFoundException when there is none
   */
  VectorRecord get(UUID id);

  /** The chunks of one document, in chunk order. */
  List<VectorRecord> byDocument(UUID collectionId, String documentId);

  /**
   * Saves content hash and payload if the version is current; returns the saved row with the
   * next version.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  VectorRecord update(VectorRecord record);

  /**
   * Deletes the record if the version is current.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  void delete(UUID id, long expectedVersion);

  /**
   * The records of one collection, in creation order.
   *
   * @throws dev.citadel.client.InvalidArgumentException when the request's cursor is malformed
   */
  Page<VectorRecord> list(UUID collectionId, PageRequest page);
}
