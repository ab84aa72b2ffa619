package dev.citadel.client.metadata;

import dev.citadel.client.db.Database;
import dev.citadel.client.metadata.internal.PgMetadata;

/**
 * The metadata repositories (seed 002: users, collections, vector metadata, embedding jobs) over
 * the tables of migration V3 (V7 adds embedding job leases), in
 * {@code database.metadata_schema}. Every row carries a version:
 * updates and deletes name the version they read and fail with
 * {@link dev.citadel.client.VersionConflictException} when someone else changed the row first.
 * Listings are keyset-paged in creation order ({@link dev.citadel.client.paging.Page}).
 * Thread-safe; holds no resources of its own. {@code citadel.metadata()} returns the client's.
 *
 * <pre>{@code
 * Metadata metadata = Metadata.create(database);
 * User alice = metadata.users().create("alice", "alice@example.org", "Alice");
 * alice = metadata.users().update(alice.withFullName("Alice A."));
 * }</pre>
 */
public interface Metadata {

  /**
   * Repositories over {@code db}'s pooled endpoint; {@code db} stays the caller's.
   *
   * @throws NullPointerException when {@code db} is null
   */
  static Metadata create(Database db) {
    return PgMetadata.create(db);
  }

  /** Users. */
  UserRepository users();

  /** Collections. */
  CollectionRepository collections();

  /** Vector metadata. */
  VectorMetadataRepository vectors();

  /** Embedding jobs. */
  EmbeddingJobRepository jobs();
}
