package dev.citadel.client.vector.sync.internal;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.db.Database;
import dev.citadel.client.spi.Backoff;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.sync.RelayResult;
import dev.citadel.client.vector.sync.internal.SyncStore.OutboxRecord;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes outbox records to Qdrant. A record names points; the relay makes Qdrant match
 * PostgreSQL for them through {@link PointPusher} (which queues again any point written while
 * it pushed), so applying a record twice, records out of order, or two relays at once converge
 * to the last write. A pass leases due records in one short transaction ({@code FOR UPDATE SKIP
 * LOCKED}, then {@code available_at} moved to the lease's end), calls Qdrant with no transaction
 * open, and settles each record in its own statement; a relay that dies mid-pass leaves its
 * records to be leased again when the lease ends. Outages (Qdrant unavailable) are counted apart
 * from rejections: only rejections count toward {@code qdrant.sync.max_attempts}.
 */
public final class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  /** The longest a record waits between attempts, however long {@code qdrant.sync.interval} is. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  /** Done records deleted per pass at most, so pruning a long backlog never makes one pass slow. */
  private static final int PRUNE_LIMIT = 1_000;

  private final Database db;
  private final CitadelVectors vectors;
  private final SyncStore store;
  private final PointPusher pusher;
  private final int batchSize;
  private final Backoff backoff;
  private final int maxAttempts;
  private final Duration lease;
  private final Duration retention;

  /** A relay over {@code db}'s outbox into {@code vectors}, with {@code qdrant.sync.*} settings; opens nothing. */
  public OutboxRelay(Database db, CitadelVectors vectors, SyncStore store) {
    this.db = db;
    this.vectors = vectors;
    this.store = store;
    this.pusher = new PointPusher(db, vectors, store);
    this.batchSize = vectors.config().sync().batchSize();
    this.backoff = retryBackoff(vectors.config().sync().interval());
    this.maxAttempts = vectors.config().sync().maxAttempts();
    this.lease = lease(vectors.config().callTimeout());
    this.retention = vectors.config().sync().retention();
  }

  /** One pass over up to {@code qdrant.sync.batch_size} due records, after pruning old done records. */
  public RelayResult relayOnce() {
    int pruned = store.pruneDone(db, retention, PRUNE_LIMIT);
    if (pruned > 0) {
      LOG.debug("vector sync: pruned {} done outbox records older than {}", pruned, retention);
    }
    UUID claimToken = UUID.randomUUID();
    List<OutboxRecord> claimed = db.inTransaction(tx -> store.claim(tx, batchSize, lease, claimToken));
    int pushed = 0;
    int deferred = 0;
    int failed = 0;
    for (int i = 0; i < claimed.size(); i++) {
      OutboxRecord record = claimed.get(i);
      try {
        push(record);
        store.done(db, record);
        pushed++;
      } catch (UnavailableException e) {
        // Qdrant is down or shedding load: an outage pass, not an attempt; later records wait for another pass.
        store.unavailable(db, record, e.getMessage(), backoff.delay(record.outages() + 1));
        deferred++;
        claimed.subList(i + 1, claimed.size()).forEach(r -> store.release(db, r));
        LOG.info("vector sync: Qdrant unavailable, outbox record {} stays pending: {}", record.id(), e.getMessage());
        break;
      } catch (RuntimeException e) {
        if (record.attempts() + 1 >= maxAttempts) {
          store.failed(db, record, e.toString());
          failed++;
          LOG.error("vector sync: outbox record {} for collection '{}' failed after {} attempts", record.id(),
              record.collection(), record.attempts() + 1, e);
        } else {
          store.rejected(db, record, e.toString(), backoff.delay(record.attempts() + 1));
          deferred++;
          LOG.warn("vector sync: outbox record {} for collection '{}' was rejected (attempt {} of {}): {}",
              record.id(), record.collection(), record.attempts() + 1, maxAttempts, e.toString());
        }
      }
    }
    return new RelayResult(pushed, deferred, failed, store.pending(db));
  }

  private void push(OutboxRecord record) {
    if (record.dropsCollection()) {
      dropCollection(record);
      return;
    }
    PointPusher.Pushed pushed = pusher.push(record.collectionId(), record.collection(), record.pointIds());
    if (!pushed.withoutVector().isEmpty()) {
      LOG.warn("vector sync: points {} of '{}' have no stored vector; they cannot be pushed", pushed.withoutVector(),
          record.collection());
    }
    if (!pushed.requeued().isEmpty()) {
      LOG.debug("vector sync: points {} of '{}' changed while outbox record {} was pushed; queued again",
          pushed.requeued(), record.collection(), record.id());
    }
  }

  /**
   * A collection row was deleted: drops the Qdrant collection, unless a collection of that name
   * has been registered again since (its own records and reconcile then own the Qdrant side).
   */
  private void dropCollection(OutboxRecord record) {
    if (store.collection(db, record.collection()).isPresent()) {
      LOG.info("vector sync: collection '{}' was deleted and registered again; outbox record {} drops nothing",
          record.collection(), record.id());
      return;
    }
    vectors.drop(record.collection());
    LOG.info("vector sync: collection '{}' was deleted in PostgreSQL; dropped it in Qdrant", record.collection());
  }

  /**
   * How long a record waits after its n-th failed attempt (or outage pass): {@code interval},
   * doubling per attempt, at most {@link #MAX_BACKOFF}, without jitter (a record's next attempt
   * time is stored, and concurrent relays already skip each other's records).
   */
  static Backoff retryBackoff(Duration interval) {
    Duration initial = interval.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : interval;
    return Backoff.exponential(initial, MAX_BACKOFF, 0.0);
  }

  /**
   * How long a relay leases the records of a pass: long enough for every push of the pass to
   * exhaust its deadline and retries; at least a minute. A lease that runs out only means another
   * relay may push the same record again, which is harmless.
   */
  static Duration lease(Duration callTimeout) {
    Duration generous = callTimeout.multipliedBy(6);
    return generous.compareTo(Duration.ofMinutes(1)) > 0 ? generous : Duration.ofMinutes(1);
  }
}
