package dev.citadel.client.metadata.internal;

import dev.citadel.client.db.Database;
import dev.citadel.client.metadata.CollectionRepository;
import dev.citadel.client.metadata.EmbeddingJobRepository;
import dev.citadel.client.metadata.Metadata;
import dev.citadel.client.metadata.UserRepository;
import dev.citadel.client.metadata.VectorMetadataRepository;
import java.util.Objects;

/** {@link Metadata} over PostgreSQL, in {@code database.metadata_schema}. */
public final class PgMetadata implements Metadata {
  private final UserRepository users;
  private final CollectionRepository collections;
  private final VectorMetadataRepository vectors;
  private final EmbeddingJobRepository jobs;

  private PgMetadata(Database db) {
    String schema = db.config().metadataSchema();
    this.users = new PgUserRepository(db, schema);
    this.collections = new PgCollectionRepository(db, schema);
    this.vectors = new PgVectorMetadataRepository(db, schema);
    this.jobs = new PgEmbeddingJobRepository(db, schema);
  }

  /** Repositories over {@code db}'s pooled endpoint; {@code db} stays the caller's. */
  public static Metadata create(Database db) {
    return new PgMetadata(Objects.requireNonNull(db, "db"));
  }

  @Override
  public UserRepository users() {
    return users;
  }

  @Override
  public CollectionRepository collections() {
    return collections;
  }

  @Override
  public VectorMetadataRepository vectors() {
    return vectors;
  }

  @Override
  public EmbeddingJobRepository jobs() {
    return jobs;
  }
}
