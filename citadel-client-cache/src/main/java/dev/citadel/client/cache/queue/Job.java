package dev.citadel.client.cache.queue;

import java.time.Instant;

/**
 * One delivery of a job to a consumer.
 *
 * @param queue the queue's name
 * @param id the job's id, unique within the queue while it is queued, claimed or dead-lettered
 * @param payload what was enqueued
 * @param attempt which delivery this is, 1 for the first (restarts at 1 after
 *     {@link JobQueue#retryDeadLetter} and for a new job under a reused id)
 * @param claimToken this delivery's token, unique among all deliveries of the queue (a counter
 *     that is never reset); ack, nack and extend of any other delivery of the same id are
 *     refused. 0 for a dead-lettered job, which no delivery holds
 * @param claimedUntil when the claim expires (Redis server clock) unless acknowledged or
 *     extended; null for a dead-lettered job
 * @param lastError the reason given by the last {@link JobQueue#nack}, or {@code claim expired},
 *     or null
 * @param <T> the payload type
 */
public record Job<T>(
    String queue, String id, T payload, int attempt, long claimToken, Instant claimedUntil,
    String lastError) {}
