package dev.citadel.client.cache.lock;

import java.time.Duration;

/**
 * A held lock: a lease that ends when its TTL runs out unless {@link #renew renewed}. Use it in
 * try-with-resources; {@link #close()} releases it. Only the owner's token can release or renew
 * it: once the lease expired and someone else took the lock, this object's release and renew
 * return false and change nothing. Thread-safe.
 */
public interface DistributedLock extends AutoCloseable {

  /** The lock's resource, e.g. {@code document}. */
  String resource();

  /** The lock's id within the resource, e.g. {@code 42}. */
  String id();

  /** This owner's random token, stored as the lock's value. */
  String token();

  /**
   * The fencing token of this acquisition: strictly greater than that of every earlier
   * acquisition of the same lock. It is the larger of the Redis server's clock in microseconds
   * and one more than the previous token (kept in a counter beside the lock that expires with the
   * lease), so tokens are large and not consecutive, and they keep increasing when the counter
   * is evicted or expired, provided the server's clock does not step back. Pass it to the
   * protected resource and have it refuse writes carrying a token lower than one it has seen:
   * that keeps a holder whose lease expired (a long GC pause, a partition) from overwriting the
   * next holder's work.
   */
  long fencingToken();

  /** The lease given at acquisition or last renewal. */
  Duration ttl();

  /**
   * Extends the lease to {@link #ttl()} from now, if still held.
   *
   * @return false when the lock is no longer this owner's
   */
  boolean renew();

  /**
   * Extends the lease to {@code ttl} from now, if still held.
   *
   * @return false when the lock is no longer this owner's
   */
  boolean renew(Duration ttl);

  /** Whether Redis still holds this owner's token for the lock (one round trip). */
  boolean isHeld();

  /**
   * Releases the lock if still held by this owner (compare-and-delete in one script).
   *
   * @return false when it was no longer this owner's (expired, or taken by another owner)
   */
  boolean release();

  /**
   * Releases the lock; a lease that had already expired is logged at WARN (the protected work
   * may have overlapped another holder's) and not thrown. Idempotent.
   *
   * @throws dev.citadel.client.UnavailableException when Redis cannot be reached (the lease
   *     then simply runs out)
   */
  @Override
  void close();
}
