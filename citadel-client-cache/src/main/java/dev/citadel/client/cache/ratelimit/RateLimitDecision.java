package dev.citadel.client.cache.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer to one {@link RateLimiter#tryAcquire} call.
 *
 * @param allowed whether the permits were granted (and counted)
 * @param limit the limit applied
 * @param remaining permits still available in the current window after this decision
 * @param retryAfter when denied, how long until enough permits free up for the same request;
 *     zero when allowed
 * @param decidedAt the Redis server's clock when it decided (every client shares that clock)
 */
public record RateLimitDecision(
    boolean allowed, int limit, int remaining, Duration retryAfter, Instant decidedAt) {}
