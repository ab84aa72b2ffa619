package dev.citadel.client.metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code embedding_jobs}. A worker keeps the instance its claim (or last
 * {@linkplain EmbeddingJobRepository#renew renewal}) returned and hands it back to finish the job:
 * its {@link #claimToken()} proves the claim is still the worker's.
 *
 * @param id primary key
 * @param collectionId the collection to embed into
 * @param status where the job is in its lifecycle
 * @param attempts how many times it was claimed (reclaims after a lease ran out included)
 * @param payload what to embed (JSON object)
 * @param error the last failure's text (a worker's, or which attempt's lease ran out), or null
 * @param createdBy the requesting user, or null
 * @param version incremented by every change
 * @param createdAt when it was queued
 * @param updatedAt when it last changed
 * @param startedAt when it was last claimed, or null
 * @param finishedAt when it succeeded, finally failed or died, or null
 * @param claimToken the latest claim's token while running, and after its worker finished it;
 *     null before the first claim and after a lease ran out without a reclaim
 * @param leaseExpiresAt while running, when (database clock) another claim may take the job over;
 *     null otherwise, and on a job claimed by a version before migration V7 (whose lease is
 *     {@link EmbeddingJobRepository#DEFAULT_LEASE} from {@code startedAt})
 */
public record EmbeddingJob(UUID id, UUID collectionId, JobStatus status, int attempts, String payload,
    String error, UUID createdBy, long version, Instant createdAt, Instant updatedAt, Instant startedAt,
    Instant finishedAt, UUID claimToken, Instant leaseExpiresAt) {}
