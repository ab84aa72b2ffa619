package dev.citadel.client.cache.response;

import dev.citadel.client.cache.internal.RequestHash;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cached API responses in slot 1 under {@code cache:api:{endpoint}:{hash}}, where {@code hash}
 * is {@link #hash(String)} of the request (the caller's canonical form of it: query string, body,
 * model and parameters...). Every entry has a TTL within {@code redis.cache.min_ttl} and
 * {@code redis.cache.max_ttl} (60 s to 86400 s by default); the default is
 * {@code redis.cache.default_ttl} (3600 s). A TTL outside the bounds is a
 * {@link dev.citadel.client.InvalidArgumentException}; nothing is clamped silently.
 *
 * <p><b>Stampede protection.</b> {@link #getOrCompute} runs the computation at most once at a
 * time per key in this process: concurrent callers for the same missing entry wait for the one
 * computation and get its result (or its exception). Across processes there is no coordination:
 * each process may compute the same missing entry once, and the last write wins; use a
 * {@link dev.citadel.client.cache.lock.DistributedLocks lock} around the computation if it must
 * run once across the deployment.
 *
 * <p>Endpoint names follow the id rules of the other stores (no {@code :}, glob characters,
 * braces or whitespace; {@code /} is fine). Redis errors are typed as in every store:
 * {@link dev.citadel.client.UnavailableException} when it cannot be reached. Thread-safe.
 *
 * @param <T> the cached value type
 */
public interface ResponseCache<T> {

  /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code request}: the {@code {hash}} part. */
  static String hash(String request) {
    return RequestHash.sha256(request);
  }

  /** The TTL used when none is given. */
  Duration defaultTtl();

  /** The shortest TTL accepted. */
  Duration minTtl();

  /** The longest TTL accepted. */
  Duration maxTtl();

  /** The cached response, or empty. */
  Optional<T> get(String endpoint, String request);

  /** Caches {@code value} for the default TTL. */
  void put(String endpoint, String request, T value);

  /**
   * Caches {@code value}.
   *
   * @param ttl within {@link #minTtl()} and {@link #maxTtl()}
   */
  void put(String endpoint, String request, T value, Duration ttl);

  /** {@link #getOrCompute(String, String, Duration, Supplier)} with the default TTL. */
  T getOrCompute(String endpoint, String request, Supplier<? extends T> compute);

  /**
   * Returns the cached response, or computes, caches and returns it. {@code compute} runs on the
   * calling thread of the first caller; its exceptions propagate to every caller waiting for it
   * and nothing is cached. A null result is returned but not cached. Once {@code compute} has
   * returned, its value is returned even when caching it fails (Redis went away, or refused the
   * write): the failure is logged at WARN and the next caller computes again.
   *
   * @param ttl within {@link #minTtl()} and {@link #maxTtl()}, checked before anything runs
   * @throws dev.citadel.client.UnavailableException when Redis cannot be read before computing
   *     (nothing is computed then)
   */
  T getOrCompute(String endpoint, String request, Duration ttl, Supplier<? extends T> compute);

  /**
   * Removes one entry.
   *
   * @return whether it existed
   */
  boolean invalidate(String endpoint, String request);

  /**
   * Removes every entry of an endpoint (a {@code SCAN} over the slot's keys with the endpoint's
   * prefix, deleting in batches). Entries written while it runs may survive.
   *
   * @return how many entries were removed
   */
  long invalidateEndpoint(String endpoint);
}
