package dev.citadel.client.metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the {@code collections} table: what a vector store collection should look like.
 *
 * @param id primary key
 * @param name unique collection name
 * @param description free text, or null
 * @param vectorSize vector dimension
 * @param distance {@code Cosine}, {@code Dot}, {@code Euclid} or {@code Manhattan}
 * @param ownerId owning user, or null
 * @param metadata free-form JSON object
 * @param version incremented by every update
 * @param createdAt when the row was created
 * @param updatedAt when the row was last changed
 */
public record VectorCollection(UUID id, String name, String description, int vectorSize, String distance,
    UUID ownerId, String metadata, long version, Instant createdAt, Instant updatedAt) {

  /** This collection with another description. */
  public VectorCollection withDescription(String value) {
    return new VectorCollection(id, name, value, vectorSize, distance, ownerId, metadata, version, createdAt, updatedAt);
  }

  /** This collection with another owner (null for none). */
  public VectorCollection withOwnerId(UUID value) {
    return new VectorCollection(id, name, description, vectorSize, distance, value, metadata, version, createdAt, updatedAt);
  }

  /** This collection with other metadata (a JSON object). */
  public VectorCollection withMetadata(String json) {
    return new VectorCollection(id, name, description, vectorSize, distance, ownerId, json, version, createdAt, updatedAt);
  }
}
