package dev.citadel.client.db;

/**
 * A snapshot of one endpoint's connection pool.
 *
 * @param active connections lent out
 * @param idle connections waiting in the pool
 * @param waiting callers blocked waiting for a connection
 * @param total open connections
 * @param max the configured maximum
 */
public record PoolStats(int active, int idle, int waiting, int total, int max) {}
