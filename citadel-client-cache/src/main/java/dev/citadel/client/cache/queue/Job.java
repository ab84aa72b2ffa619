package dev.citadel.client.cache.queue;

import java.time.Instant;

/**
 * One delivery of a job to a consumer.
 *
 * @param queue the queue's name
 * @param id the job's id, unique within the queue while it is queued, claimed or dead-lettered
 * @param payload what was enqueued
 * @param attempt which delivery this is, 1 for the first; also the claim's token: ack and nack
 *     of an older delivery of the same job are refused
 * @param claimedUntil when the claim expires (Redis server clock) unless acknowledged or
 *     extended; null for a dead-lettered job
 * @param lastError the reason given by the last {@link JobQueue#nack}, or {@code claim expired},
 *     or null
 * @param <T> the payload type
 */
public record Job<T>(
    String queue, String id, T payload, int attempt, Instant claimedUntil, String lastError) {}
