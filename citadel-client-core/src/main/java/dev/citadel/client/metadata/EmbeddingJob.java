package dev.citadel.client.metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code embedding_jobs}.
 *
 * @param id primary key
 * @param collectionId the collection to embed into
 * @param status where the job is in its lifecycle
 * @param attempts how many times it was claimed
 * @param payload what to embed (JSON object)
 * @param error the last failure's text, or null
 * @param createdBy the requesting user, or null
 * @param version incremented by every change
 * @param createdAt when it was queued
 * @param updatedAt when it last changed
 * @param startedAt when it was last claimed, or null
 * @param finishedAt when it succeeded or finally failed, or null
 */
public record EmbeddingJob(UUID id, UUID collectionId, JobStatus status, int attempts, String payload,
    String error, UUID createdBy, long version, Instant createdAt, Instant updatedAt, Instant startedAt,
    Instant finishedAt) {}
