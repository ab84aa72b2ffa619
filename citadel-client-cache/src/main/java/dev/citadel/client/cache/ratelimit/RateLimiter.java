package dev.citadel.client.cache.ratelimit;

/**
 * Sliding-window-log rate limiting in slot 5 under {@code ratelimit:{type}:{id}:{window}}: a
 * sorted set of the granted permits' server timestamps (microseconds), expiring after the window.
 * Each decision is one Lua script (drop timestamps older than the window, count, grant or refuse),
 * so it is exact under any concurrency across any number of clients: no window of the given
 * length ever holds more than {@code limit} granted permits by the server's clock. Memory is one
 * entry per permit granted in the last window. Refused attempts are not counted.
 *
 * <p>{@code type} (e.g. {@code api}, {@code login}) and {@code id} (a user, an API key, an IP)
 * follow the id rules of the other stores. Decisions are not retried after they may have reached
 * Redis: when Redis is unreachable the call throws
 * {@link dev.citadel.client.UnavailableException} and the caller chooses to fail open or closed.
 * Thread-safe.
 */
public interface RateLimiter {

  /** One permit: {@link #tryAcquire(String, String, RateLimit, int)} with 1. */
  RateLimitDecision tryAcquire(String type, String id, RateLimit limit);

  /**
   * Asks for {@code permits} permits at once; granted all together or not at all.
   *
   * @param permits 1 to {@code limit.limit()}
   */
  RateLimitDecision tryAcquire(String type, String id, RateLimit limit, int permits);

  /** Forgets every permit granted to {@code type}/{@code id} under {@code limit}'s window. */
  void reset(String type, String id, RateLimit limit);
}
