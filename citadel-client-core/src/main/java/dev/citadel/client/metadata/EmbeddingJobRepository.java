package dev.citadel.client.metadata;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Embedding jobs and their lifecycle (queued -> running -> succeeded or failed). Workers
 * {@link #claim} jobs so that concurrent workers never claim the same job; each claim counts an
 * attempt. Implementations are thread-safe; obtain one from {@link Metadata#jobs()}.
 */
public interface EmbeddingJobRepository {

  /**
   * Queues a job.
   *
   * @param collectionId the collection to embed into, not null
   * @param payloadJson a JSON object; null for {@code {}}
   * @param createdBy the requesting user, or null
   */
  EmbeddingJob enqueue(UUID collectionId, String payloadJson, UUID createdBy);

  /**
   * Claims up to {@code max} queued jobs, oldest first, marking them running. Jobs locked by
   * another worker's claim are skipped, never waited for or claimed twice.
   *
   * @throws dev.citadel.client.InvalidArgumentException when {@code max} is not positive
   */
  List<EmbeddingJob> claim(int max);

  /**
   * Marks a running job done.
   *
   * @throws VersionConflictException when {@code job} is not the current, running version
   * @throws NotFoundException when the job is gone
   */
  EmbeddingJob succeed(EmbeddingJob job);

  /**
   * Records a failure of a running job: back to queued while it has had fewer than
   * {@code maxAttempts} attempts, otherwise failed for good.
   *
   * @param error the failure's text, stored on the job
   * @throws VersionConflictException when {@code job} is not the current, running version
   * @throws NotFoundException when the job is gone
   */
  EmbeddingJob fail(EmbeddingJob job, String error, int maxAttempts);

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
