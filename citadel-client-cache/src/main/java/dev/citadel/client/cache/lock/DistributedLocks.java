package dev.citadel.client.cache.lock;

import java.time.Duration;
import java.util.Optional;

/**
 * Leased locks in slot 6 under {@code lock:{resource}:{id}} (cluster mode:
 * {@code lock:{resource:id}}, a hash tag shared with the fencing counter
 * {@code ...:fence}). Acquire is {@code SET NX PX} with a random owner token, plus the next
 * fencing token (server clock in microseconds, or the last token plus one if that is larger,
 * stored with the lease's TTL), in one script; release and renew compare the token first. Default
 * lease {@code redis.lock.ttl} (30 s). No key outlives its lease.
 *
 * <p><b>Correctness limits.</b> This is a single-instance lock, not Redlock. It is safe while the
 * Redis master holding it keeps the key: a failover to a replica that had not yet received the
 * {@code SET} (replication is asynchronous), or a restart without persistence, loses the lock and
 * a second owner can acquire it while the first still works. A holder paused longer than its lease
 * (GC, swap, a partition) also keeps working after losing it. Neither case can be detected by the
 * holder alone: protect the resource itself with the {@link DistributedLock#fencingToken() fencing
 * token}. Tokens rest on the server's clock once the counter is gone, so they can go backwards
 * only if a failover lands on a server whose clock is behind the old master's (or a clock is
 * stepped back): for full safety across failovers the resource should also persist the highest
 * token it accepted.
 *
 * <p><b>Redis settings.</b> A held lock is a key with a TTL. With {@code maxmemory} set and an
 * evicting {@code maxmemory-policy} ({@code volatile-*} or {@code allkeys-*}) Redis may evict it
 * when memory is full, ending the lease early (fencing tokens still increase). Leases that hold
 * to their TTL need {@code maxmemory-policy noeviction} (or no {@code maxmemory}) on the server
 * of slot 6; the cache's health report checks this ({@code redis.eviction}).
 *
 * <p>Waiting polls with jittered back-off (5 ms growing to 100 ms), not pub/sub. Resources and
 * ids follow the id rules of the other stores. Thread-safe.
 */
public interface DistributedLocks {

  /** The default lease. */
  Duration defaultTtl();

  /** Takes the lock with the default lease if free now; empty otherwise. */
  Optional<DistributedLock> tryAcquire(String resource, String id);

  /**
   * Takes the lock, waiting up to {@code wait} for it to be free.
   *
   * @param ttl the lease, at least 10 ms
   * @param wait zero for a single attempt
   * @return the lock, or empty when another owner held it the whole time
   */
  Optional<DistributedLock> tryAcquire(String resource, String id, Duration ttl, Duration wait);

  /**
   * Takes the lock with the default lease, waiting up to {@code wait}.
   *
   * @throws LockTimeoutException when another owner held it the whole time
   */
  DistributedLock acquire(String resource, String id, Duration wait);

  /**
   * Takes the lock, waiting up to {@code wait}.
   *
   * @throws LockTimeoutException when another owner held it the whole time
   */
  DistributedLock acquire(String resource, String id, Duration ttl, Duration wait);

  /**
   * Releases a lock by owner token, e.g. one persisted by a process that restarted.
   *
   * @return false when the lock is not held with that token (nothing is deleted)
   */
  boolean release(String resource, String id, String token);

  /** Whether anyone holds the lock now. */
  boolean isLocked(String resource, String id);
}
