package dev.citadel.client.metadata;

import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.List;
import java.util.UUID;

/**
 * CRUD and listing for {@code vector_metadata}: each point of a collection as PostgreSQL knows
 * it. {@link #update} saves content hash and payload. Implementations are thread-safe; obtain one
 * from {@link Metadata#vectors()}.
 *
 * <p>These writes change rows only; they store no vector. Where the vector module's sync is
 * installed (its migration V2), a trigger queues every create, update and delete made here in the
 * sync's outbox, so the change still reaches the vector store through its relay; a point created here has
 * no vector to push until it is written through the vector module's {@code VectorSync}.
 */
public interface VectorMetadataRepository extends VersionedRepository<VectorRecord> {

  /**
   * Records a point.
   *
   * @param collectionId the collection, not null
   * @param pointId the vector store point id, not null, unique per collection
   * @param documentId the source document, or null
   * @param chunkIndex the chunk's position in the document, or null
   * @param contentHash hash of the embedded content, or null
   * @param payloadJson a JSON object; null for {@code {}}
   * @throws dev.citadel.client.ConstraintViolationException when the point id already exists in
   *     the collection or the collection does not
   */
  VectorRecord create(UUID collectionId, UUID pointId, String documentId, Integer chunkIndex,
      String contentHash, String payloadJson);

  /** The chunks of one document, in chunk order. */
  List<VectorRecord> byDocument(UUID collectionId, String documentId);

  /**
   * The records of one collection, in creation order.
   *
   * @throws dev.citadel.client.InvalidArgumentException when the request's cursor is malformed
   */
  Page<VectorRecord> list(UUID collectionId, PageRequest page);
}
