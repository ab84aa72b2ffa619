package dev.citadel.client.cache.queue;

/**
 * The sizes of a queue's lists at one moment.
 *
 * @param pending jobs waiting to be claimed
 * @param processing jobs claimed and not yet acknowledged
 * @param dead jobs in the dead-letter list
 */
public record QueueStats(long pending, long processing, long dead) {}
