package dev.citadel.client.metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code vector_metadata}: one point of a collection as PostgreSQL knows it.
 *
 * @param id primary key
 * @param collectionId the collection
 * @param pointId the vector store point id (unique per collection)
 * @param documentId the source document, or null
 * @param chunkIndex the chunk's position in the document, or null
 * @param contentHash hash of the embedded content, or null
 * @param payload the payload the point should carry (JSON object)
 * @param version incremented by every update
 * @param createdAt when the row was created
 * @param updatedAt when the row was last changed
 */
public record VectorRecord(UUID id, UUID collectionId, UUID pointId, String documentId, Integer chunkIndex,
    String contentHash, String payload, long version, Instant createdAt, Instant updatedAt) {

  /** This record with another content hash and payload. */
  public VectorRecord withContent(String hash, String payloadJson) {
    return new VectorRecord(id, collectionId, pointId, documentId, chunkIndex, hash, payloadJson, version,
        createdAt, updatedAt);
  }
}
