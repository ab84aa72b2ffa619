package dev.citadel.client.auth.internal;

import dev.citadel.client.auth.ApiKeyCache;
import dev.citadel.client.spi.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes revocation tombstones into the shared cache. A tombstone the cache refused stays pending
 * until it is written (retried in the background with the SDK's backoff) or until no positive
 * entry cached before the revocation can be left ({@code auth.cache_ttl} after it); while it is
 * pending, this process does not trust the cache for that prefix.
 */
final class TombstoneWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TombstoneWriter.class);
  private static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(5), 0.25);

  private final ApiKeyCache cache;
  private final Duration ttl;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  /** Prefix -> when a stale positive entry can no longer exist in the shared cache. */
  private final Map<String, Instant> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean retryScheduled = new AtomicBoolean();
  private int failedRounds; // guarded by this

  TombstoneWriter(ApiKeyCache cache, Duration ttl, Clock clock, ScheduledExecutorService scheduler) {
    this.cache = cache;
    this.ttl = ttl;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /**
   * Writes the tombstone of {@code prefix}.
   *
   * @throws RuntimeException what the cache threw (after its own retries); the tombstone is then
   *     pending and retried in the background
   */
  void write(String prefix) {
    try {
      cache.putTombstone(prefix, ttl);
      pending.remove(prefix);
    } catch (RuntimeException e) {
      pending.put(prefix, clock.instant().plus(ttl));
      scheduleRetry();
      throw e;
    }
  }

  /** Whether cached entries of {@code prefix} must not be trusted: its tombstone is still pending. */
  boolean bypassCache(String prefix) {
    Instant until = pending.get(prefix);
    if (until == null) {
      return false;
    }
    if (clock.instant().isBefore(until)) {
      return true;
    }
    pending.remove(prefix, until);
    return false;
  }

  /** The prefixes whose tombstone is still pending and still matters. */
  Set<String> unwritten() {
    Instant now = clock.instant();
    pending.values().removeIf(until -> !now.isBefore(until));
    return Set.copyOf(pending.keySet());
  }

  private void scheduleRetry() {
    if (!retryScheduled.compareAndSet(false, true)) {
      return;
    }
    int rounds;
    synchronized (this) {
      rounds = ++failedRounds;
    }
    try {
      scheduler.schedule(this::retryPending, BACKOFF.delayNanos(rounds), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      retryScheduled.set(false);
    }
  }

  private void retryPending() {
    retryScheduled.set(false);
    for (String prefix : unwritten()) {
      try {
        cache.putTombstone(prefix, ttl);
        pending.remove(prefix);
        LOG.info("API key '{}': revocation tombstone written to the shared cache after an earlier failure", prefix);
      } catch (RuntimeException e) {
        LOG.debug("API key '{}': revocation tombstone still not written: {}", prefix, e.toString());
        scheduleRetry();
        return;
      }
    }
    synchronized (this) {
      failedRounds = 0;
    }
  }
}
