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

/**
 * Embedding jobs and their lifecycle. Workers {@link #claim} jobs with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never claim the same job; each claim
 * counts an attempt. Thread-safe.
 */
public final class EmbeddingJobRepository {
  private static final RowMapper<EmbeddingJob> MAPPER = rs -> new EmbeddingJob(
      Rows.uuid(rs, "id"), Rows.uuid(rs, "collection_id"), JobStatus.of(rs.getString("status")),
      rs.getInt("attempts"), rs.getString("payload"), rs.getString("error"), Rows.uuid(rs, "created_by"),
      rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
      Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"));

  private final SqlClient sql;
  private final String table;

  EmbeddingJobRepository(SqlClient sql, String schema) {
    this.sql = sql;
    this.table = Rows.table(schema, "embedding_jobs");
  }

  /**
   * Queues a job.
   *
   * @param payloadJson a JSON object; null for {@code {}}
   * @param createdBy the requesting user, or null
   */
  public EmbeddingJob enqueue(UUID collectionId, String payloadJson, UUID createdBy) {
    return sql.queryOne("INSERT INTO " + table + " (collection_id, payload, created_by)"
            + " VALUES (?, coalesce(?::jsonb, '{}'::jsonb), ?) RETURNING *",
        MAPPER, Objects.requireNonNull(collectionId, "collectionId"), payloadJson, createdBy);
  }

  /**
   * Claims up to {@code max} queued jobs, oldest first, marking them running. Jobs locked by
   * another worker's claim are skipped, never waited for or claimed twice.
   */
  public List<EmbeddingJob> claim(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive, was " + max);
    }
    return sql.query("UPDATE " + table + " SET status = 'running', attempts = attempts + 1,"
        + " started_at = now(), updated_at = now(), version = version + 1"
        + " WHERE id IN (SELECT id FROM " + table + " WHERE status = 'queued'"
        + " ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *", MAPPER, max);
  }

  /**
   * Marks a running job done.
   *
   * @throws VersionConflictException when {@code job} is not the current, running version
   * @throws NotFoundException when the job is gone
   */
  public EmbeddingJob succeed(EmbeddingJob job) {
    return finish(job, "'succeeded'", null, true);
  }

  /**
   * Records a failure of a running job: back to queued while it has had fewer than
   * {@code maxAttempts} attempts, otherwise failed for good.
   *
   * @throws VersionConflictException when {@code job} is not the current, running version
   * @throws NotFoundException when the job is gone
   */
  public EmbeddingJob fail(EmbeddingJob job, String error, int maxAttempts) {
    boolean last = job.attempts() >= maxAttempts;
    return finish(job, last ? "'failed'" : "'queued'", error, last);
  }

  private EmbeddingJob finish(EmbeddingJob job, String status, String error, boolean terminal) {
    return sql.queryOptional("UPDATE " + table + " SET status = " + status + ", error = ?,"
            + " finished_at = " + (terminal ? "now()" : "NULL") + ", updated_at = now(), version = version + 1"
            + " WHERE id = ? AND version = ? AND status = 'running' RETURNING *",
        MAPPER, error, job.id(), job.version())
        .orElseThrow(() -> Rows.notChanged(sql, table, "embedding job", job.id(), job.version()));
  }

  /** The job with {@code id}, if any. */
  public Optional<EmbeddingJob> find(UUID id) {
    return sql.queryOptional("SELECT * FROM " + table + " WHERE id = ?", MAPPER, Objects.requireNonNull(id, "id"));
  }

  /**
   * The job with {@code id}.
   *
   * @throws NotFoundException when there is none
   */
  public EmbeddingJob get(UUID id) {
    return find(id).orElseThrow(() -> new NotFoundException("embedding job", id));
  }

  /** Jobs of a collection with {@code status}, oldest first. */
  public Page<EmbeddingJob> list(UUID collectionId, JobStatus status, PageRequest page) {
    return Rows.page(sql, table, "collection_id = ? AND status = ?",
        List.of(Objects.requireNonNull(collectionId, "collectionId"), status.column()),
        page, MAPPER, EmbeddingJob::createdAt, EmbeddingJob::id);
  }
}
