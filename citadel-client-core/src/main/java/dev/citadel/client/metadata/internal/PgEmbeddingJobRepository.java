package dev.citadel.client.metadata.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.NotFoundException;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.metadata.ClaimLostException;
import dev.citadel.client.metadata.EmbeddingJob;
import dev.citadel.client.metadata.EmbeddingJobRepository;
import dev.citadel.client.metadata.JobStatus;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link EmbeddingJobRepository} over the {@code embedding_jobs} table (migrations V3 and V7).
 * Claims use {@code FOR UPDATE SKIP LOCKED}; leases are timed on the database clock, so workers'
 * clocks do not matter; every completion is conditional on the claim token, which is the fence
 * against a worker whose job was taken over.
 */
final class PgEmbeddingJobRepository implements EmbeddingJobRepository {
  /**
   * A running job whose lease ran out. A job claimed by a version before V7 has no lease: it
   * counts as claimed for the default lease from its start.
   */
  private static final String EXPIRED = "status = 'running' AND coalesce(lease_expires_at, started_at + interval '"
      + DEFAULT_LEASE.toSeconds() + " seconds') <= now()";
  /** The error text of a job whose latest attempt's lease ran out (old column values). */
  private static final String LEASE_RAN_OUT = "'lease ran out during attempt ' || attempts";
  private static final String CHANGED = "version = version + 1, updated_at = now()";

  private final VersionedTable<EmbeddingJob> jobs;

  PgEmbeddingJobRepository(SqlClient sql, String schema) {
    this.jobs = new VersionedTable<>(sql, schema, "embedding_jobs", "embedding job", rs -> new EmbeddingJob(
        Rows.uuid(rs, "id"), Rows.uuid(rs, "collection_id"),
        JobStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
        rs.getString("payload"), rs.getString("error"), Rows.uuid(rs, "created_by"), rs.getLong("version"),
        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), Rows.instant(rs, "started_at"),
        Rows.instant(rs, "finished_at"), Rows.uuid(rs, "claim_token"), Rows.instant(rs, "lease_expires_at")),
        EmbeddingJob::createdAt, EmbeddingJob::id);
  }

  @Override
  public EmbeddingJob enqueue(UUID collectionId, String payloadJson, UUID createdBy) {
    return jobs.insert("(collection_id, payload, created_by) VALUES (?, coalesce(?::jsonb, '{}'::jsonb), ?)",
        Objects.requireNonNull(collectionId, "collectionId"), payloadJson, createdBy);
  }

  @Override
  public List<EmbeddingJob> claim(int max) {
    return claim(max, DEFAULT_LEASE, DEFAULT_MAX_ATTEMPTS);
  }

  @Override
  public List<EmbeddingJob> claim(int max, Duration lease, int maxAttempts) {
    if (max < 1) {
      throw new InvalidArgumentException("max", "must be positive, was " + max);
    }
    long leaseMillis = leaseMillis(lease);
    requireAttempts(maxAttempts);
    // One statement: the expired jobs out of attempts die, the others are claimed with the queued.
    return jobs.rows("WITH dead AS (" + takeBack("'dead'", "now()", EXPIRED + " AND attempts >= ?") + ")"
        + " UPDATE " + jobs.name() + " SET status = 'running', attempts = attempts + 1,"
        + " claim_token = gen_random_uuid(), lease_expires_at = now() + ? * interval '1 millisecond',"
        + " started_at = now(), error = CASE WHEN status = 'running' THEN " + LEASE_RAN_OUT + " ELSE error END, "
        + CHANGED + " WHERE id IN (SELECT id FROM " + jobs.name() + " WHERE status = 'queued' OR (" + EXPIRED
        + " AND attempts < ?) ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *",
        maxAttempts, leaseMillis, maxAttempts, max);
  }

  @Override
  public List<EmbeddingJob> reapExpired(int maxAttempts) {
    requireAttempts(maxAttempts);
    return jobs.rows(takeBack("CASE WHEN attempts >= ? THEN 'dead' ELSE 'queued' END",
        "CASE WHEN attempts >= ? THEN now() END", EXPIRED) + " RETURNING *", maxAttempts, maxAttempts);
  }

  /** An UPDATE ending the claim of the unlocked jobs matching {@code where} (a lost worker's). */
  private String takeBack(String status, String finishedAt, String where) {
    return "UPDATE " + jobs.name() + " SET status = " + status + ", error = " + LEASE_RAN_OUT + ", finished_at = "
        + finishedAt + ", claim_token = NULL, lease_expires_at = NULL, " + CHANGED
        + " WHERE id IN (SELECT id FROM " + jobs.name() + " WHERE " + where + " FOR UPDATE SKIP LOCKED)";
  }

  @Override
  public EmbeddingJob renew(EmbeddingJob job, Duration lease) {
    long leaseMillis = leaseMillis(lease);
    return underClaim(job, "lease_expires_at = now() + ? * interval '1 millisecond'", Set.of(), leaseMillis);
  }

  @Override
  public EmbeddingJob succeed(EmbeddingJob job) {
    return underClaim(job, "status = 'succeeded', error = NULL, finished_at = now(), lease_expires_at = NULL",
        Set.of(JobStatus.SUCCEEDED));
  }

  @Override
  public EmbeddingJob fail(EmbeddingJob job, String error, int maxAttempts) {
    requireAttempts(maxAttempts);
    return underClaim(job, "status = CASE WHEN attempts >= ? THEN 'failed' ELSE 'queued' END, error = ?,"
            + " finished_at = CASE WHEN attempts >= ? THEN now() END, lease_expires_at = NULL",
        Set.of(JobStatus.QUEUED, JobStatus.FAILED), maxAttempts, error, maxAttempts);
  }

  /**
   * Applies {@code assignments} to the job if {@code job}'s claim still holds it. Otherwise, when
   * that same claim already moved the job to one of {@code doneUnderClaim} (a retry after a lost
   * reply), returns the job as it is.
   *
   * @throws ClaimLostException when the claim no longer holds the job
   * @throws NotFoundException when the job is gone
   */
  private EmbeddingJob underClaim(EmbeddingJob job, String assignments, Set<JobStatus> doneUnderClaim,
      Object... values) {
    Objects.requireNonNull(job, "job");
    Object[] args = new Object[values.length + 2];
    System.arraycopy(values, 0, args, 0, values.length);
    args[values.length] = job.id();
    args[values.length + 1] = job.claimToken();
    List<EmbeddingJob> changed = jobs.rows("UPDATE " + jobs.name() + " SET " + assignments + ", " + CHANGED
        + " WHERE id = ? AND claim_token = ? AND status = 'running' RETURNING *", args);
    if (!changed.isEmpty()) {
      return changed.get(0);
    }
    EmbeddingJob current = jobs.get(job.id());
    if (job.claimToken() != null && job.claimToken().equals(current.claimToken())
        && doneUnderClaim.contains(current.status())) {
      return current;
    }
    throw new ClaimLostException(job, current);
  }

  private static long leaseMillis(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.toMillis() < 1) {
      throw new InvalidArgumentException("lease", "must be at least 1 ms, was " + lease);
    }
    return lease.toMillis();
  }

  private static void requireAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new InvalidArgumentException("maxAttempts", "must be positive, was " + maxAttempts);
    }
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
