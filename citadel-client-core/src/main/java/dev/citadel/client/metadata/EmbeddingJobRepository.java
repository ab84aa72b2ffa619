package dev.citadel.client.metadata;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Embedding jobs and their lifecycle ({@link JobStatus}: queued -> running -> succeeded, failed or
 * dead). Workers {@link #claim} jobs so that concurrent workers never claim the same job; each
 * claim counts an attempt and carries a lease and a claim token.
 *
 * <p><b>Leases.</b> A claimed job is the worker's until its lease ends (database clock). A worker
 * that needs longer {@linkplain #renew renews} it. When a worker is lost (killed, hung, cut off, or
 * its claim committed but the reply never reached it), its job's lease runs out and the next
 * {@link #claim} takes the job over as a new attempt, or, when the job has had
 * {@code maxAttempts} attempts, marks it {@link JobStatus#DEAD}; {@link #reapExpired} does the
 * same for hosts that want expired jobs requeued while no worker claims. A job is thus stranded
 * for at most its lease plus the time to the next claim. Every completion names the claim: a
 * worker whose job was taken over gets {@link ClaimLostException} and changes nothing, so two
 * workers never both finish a job. Choose a lease well above a job's normal run time (or renew
 * at a third of it): a lease that runs out under a live worker makes a second worker embed the
 * same job, and only the first completion counts.
 *
 * <p>Implementations are thread-safe; obtain one from {@link Metadata#jobs()}.
 */
public interface EmbeddingJobRepository {

  /** The lease of {@link #claim(int)}: 5 minutes. */
  Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  /** The attempts of {@link #claim(int)} before a job whose lease ran out is dead: 5. */
  int DEFAULT_MAX_ATTEMPTS = 5;

  /**
   * Queues a job.
   *
   * @param collectionId the collection to embed into, not null
   * @param payloadJson a JSON object; null for {@code {}}
   * @param createdBy the requesting user, or null
   */
  EmbeddingJob enqueue(UUID collectionId, String payloadJson, UUID createdBy);

  /**
   * {@link #claim(int, Duration, int)} with {@link #DEFAULT_LEASE} and
   * {@link #DEFAULT_MAX_ATTEMPTS}.
   *
   * @throws dev.citadel.client.InvalidArgumentException when {@code max} is not positive
   */
  List<EmbeddingJob> claim(int max);

  /**
   * Claims up to {@code max} jobs, oldest first, marking them running under a new claim token with
   * a lease of {@code lease} from now: queued jobs, and running jobs whose lease ran out and that
   * have had fewer than {@code maxAttempts} attempts (their {@link EmbeddingJob#error()} then says
   * which attempt's lease ran out). Running jobs whose lease ran out on their
   * {@code maxAttempts}-th attempt become {@link JobStatus#DEAD} instead. Jobs locked by another
   * worker's claim are skipped, never waited for or claimed twice. Not retried when the
   * connection fails mid-statement: the claim may then have happened without the caller learning
   * its token, and those jobs come back when their lease runs out.
   *
   * @param lease how long the claim holds without a {@link #renew}, at least 1 ms
   * @param maxAttempts attempts before a job whose lease ran out is dead, at least 1
   * @throws dev.citadel.client.InvalidArgumentException when an argument is out of range
   */
  List<EmbeddingJob> claim(int max, Duration lease, int maxAttempts);

  /**
   * Extends the lease of a job this worker holds to {@code lease} from now, also when it ran out
   * but nobody took the job over yet. Call it from long jobs, well before the lease ends.
   *
   * @param job the job as returned by {@link #claim} or the last {@code renew}
   * @param lease the new lease from now, at least 1 ms
   * @return the job with its new lease
   * @throws ClaimLostException when the claim is no longer the worker's (nothing changed)
   * @throws NotFoundException when the job is gone
   * @throws dev.citadel.client.InvalidArgumentException when {@code lease} is out of range
   */
  EmbeddingJob renew(EmbeddingJob job, Duration lease);

  /**
   * Marks a job this worker holds done. Idempotent per claim: when the reply of an earlier call
   * was lost, calling it again with the same job returns the succeeded job.
   *
   * @param job the job as returned by {@link #claim} or {@link #renew}
   * @throws ClaimLostException (a {@link VersionConflictException}) when the claim is no longer
   *     the worker's, e.g. its lease ran out and another worker took the job over; nothing changed
   * @throws NotFoundException when the job is gone
   */
  EmbeddingJob succeed(EmbeddingJob job);

  /**
   * Records a failure of a job this worker holds: back to queued while it has had fewer than
   * {@code maxAttempts} attempts, otherwise failed for good. Idempotent per claim like
   * {@link #succeed}.
   *
   * @param job the job as returned by {@link #claim} or {@link #renew}
   * @param error the failure's text, stored on the job
   * @param maxAttempts at least 1
   * @throws ClaimLostException (a {@link VersionConflictException}) when the claim is no longer
   *     the worker's; nothing changed
   * @throws NotFoundException when the job is gone
   * @throws dev.citadel.client.InvalidArgumentException when {@code maxAttempts} is not positive
   */
  EmbeddingJob fail(EmbeddingJob job, String error, int maxAttempts);

  /**
   * Takes back every running job whose lease ran out: queued again while it has had fewer than
   * {@code maxAttempts} attempts, otherwise {@link JobStatus#DEAD}. Their workers' claims are
   * lost. {@link #claim} does this itself; call this to see stranded jobs requeued or dead while
   * no worker claims (e.g. from a periodic task). Jobs locked by a concurrent claim are skipped.
   *
   * @param maxAttempts at least 1
   * @return the jobs taken back, as they are now
   * @throws dev.citadel.client.InvalidArgumentException when {@code maxAttempts} is not positive
   */
  List<EmbeddingJob> reapExpired(int maxAttempts);

  /** The job with {@code id}, if any. */
  Optional<EmbeddingJob> find(UUID id);

  /**
   * The job with {@code id}.
   *
   * @throws NotFoundException when there is none
   */
  EmbeddingJob get(UUID id);

  /**
   * Jobs of a collection with {@code status}, oldest first.
   *
   * @throws dev.citadel.client.InvalidArgumentException when the request's cursor is malformed
   */
  Page<EmbeddingJob> list(UUID collectionId, JobStatus status, PageRequest page);
}
