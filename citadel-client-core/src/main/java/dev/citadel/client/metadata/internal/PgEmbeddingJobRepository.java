package dev.citadel.client.metadata.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.metadata.EmbeddingJob;
import dev.citadel.client.metadata.EmbeddingJobRepository;
import dev.citadel.client.metadata.JobStatus;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link EmbeddingJobRepository} over the {@code embedding_jobs} table; claims use
 * {@code FOR UPDATE SKIP LOCKED}.
 */
final class PgEmbeddingJobRepository implements EmbeddingJobRepository {
  private final VersionedTable<EmbeddingJob> jobs;

  PgEmbeddingJobRepository(SqlClient sql, String schema) {
    this.jobs = new VersionedTable<>(sql, schema, "embedding_jobs", "embedding job", rs -> new EmbeddingJob(
        Rows.uuid(rs, "id"), Rows.uuid(rs, "collection_id"),
        JobStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
        rs.getString("payload"), rs.getString("error"), Rows.uuid(rs, "created_by"), rs.getLong("version"),
        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), Rows.instant(rs, "started_at"),
        Rows.instant(rs, "finished_at")), EmbeddingJob::createdAt, EmbeddingJob::id);
  }

  @Override
  public EmbeddingJob enqueue(UUID collectionId, String payloadJson, UUID createdBy) {
    return jobs.insert("(collection_id, payload, created_by) VALUES (?, coalesce(?::jsonb, '{}'::jsonb), ?)",
        Objects.requireNonNull(collectionId, "collectionId"), payloadJson, createdBy);
  }

  @Override
  public List<EmbeddingJob> claim(int max) {
    if (max < 1) {
      throw new InvalidArgumentException("max", "must be positive, was " + max);
    }
    return jobs.rows("UPDATE " + jobs.name() + " SET status = 'running', attempts = attempts + 1,"
        + " started_at = now(), updated_at = now(), version = version + 1"
        + " WHERE id IN (SELECT id FROM " + jobs.name() + " WHERE status = 'queued'"
        + " ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *", max);
  }

  @Override
  public EmbeddingJob succeed(EmbeddingJob job) {
    return finish(job, "'succeeded'", null, true);
  }

  @Override
  public EmbeddingJob fail(EmbeddingJob job, String error, int maxAttempts) {
    boolean last = job.attempts() >= maxAttempts;
    return finish(job, last ? "'failed'" : "'queued'", error, last);
  }

  private EmbeddingJob finish(EmbeddingJob job, String status, String error, boolean terminal) {
    return jobs.update("status = " + status + ", error = ?, finished_at = " + (terminal ? "now()" : "NULL"),
        " AND status = 'running'", job.id(), job.version(), error);
  }

  @Override
  public Optional<EmbeddingJob> find(UUID id) {
    return jobs.find(id);
  }

  @Override
  public EmbeddingJob get(UUID id) {
    return jobs.get(id);
  }

  @Override
  public Page<EmbeddingJob> list(UUID collectionId, JobStatus status, PageRequest page) {
    return jobs.page("collection_id = ? AND status = ?",
        List.of(Objects.requireNonNull(collectionId, "collectionId"), status.column()), page);
  }
}
