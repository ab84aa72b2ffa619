package dev.citadel.client.metadata;

import dev.citadel.client.db.Database;
import java.util.Objects;

/**
 * The metadata repositories (seed 002: users, collections, vector metadata, embedding jobs) over
 * the tables of migration V3, in {@code database.metadata_schema}. Every row carries a version:
 * updates and deletes name the version they read and fail with
 * {@link dev.citadel.client.VersionConflictException} when someone else changed the row first.
 * Listings are keyset-paged in creation order. Thread-safe; holds no resources of its own.
 *
 * <pre>{@code
 * Metadata metadata = Metadata.create(database);
 * User alice = metadata.users().create("alice", "alice@example.org", "Alice");
 * alice = metadata.users().update(alice.withFullName("Alice A."));
 * }</pre>
 */
public final class Metadata {
  private final UserRepository users;
  private final CollectionRepository collections;
  private final VectorMetadataRepository vectors;
  private final EmbeddingJobRepository jobs;

  private Metadata(Database db) {
    String schema = db.config().metadataSchema();
    this.users = new UserRepository(db, schema);
    this.collections = new CollectionRepository(db, schema);
    this.vectors = new VectorMetadataRepository(db, schema);
    this.jobs = new EmbeddingJobRepository(db, schema);
  }

  /** Repositories over {@code db}'s pooled endpoint; {@code db} stays the caller's. */
  public static Metadata create(Database db) {
    return new Metadata(Objects.requireNonNull(db, "db"));
  }

  /** Users. */
  public UserRepository users() {
    return users;
  }

  /** Collections. */
  public CollectionRepository collections() {
    return collections;
  }

  /** Vector metadata. */
  public VectorMetadataRepository vectors() {
    return vectors;
  }

  /** Embedding jobs. */
  public EmbeddingJobRepository jobs() {
    return jobs;
  }
}
