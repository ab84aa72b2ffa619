package dev.citadel.client.vector.sync.internal;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.db.Database;
import dev.citadel.client.spi.Backoff;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.client.vector.sync.RelayResult;
import dev.citadel.client.vector.sync.internal.SyncStore.OutboxRecord;
import dev.citadel.client.vector.sync.internal.SyncStore.PointRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes outbox records to Qdrant. A record names points; the relay makes Qdrant match
 * PostgreSQL for them (upsert the rows that exist, with their stored vector and payload; delete
 * the others), so applying a record twice, or records out of order, converges to the same state.
 * Each pass claims due records with {@code FOR UPDATE SKIP LOCKED} in one transaction and marks
 * them there; concurrent relays never push the same record at once.
 */
public final class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  /** The longest a record waits between attempts, however long {@code qdrant.sync.interval} is. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final Database db;
  private final CitadelVectors vectors;
  private final SyncStore store;
  private final int batchSize;
  private final Backoff backoff;
  private final int maxAttempts;

  /** A relay over {@code db}'s outbox into {@code vectors}, with {@code qdrant.sync.*} settings; opens nothing. */
  public OutboxRelay(Database db, CitadelVectors vectors, SyncStore store) {
    this.db = db;
    this.vectors = vectors;
    this.store = store;
    this.batchSize = vectors.config().sync().batchSize();
    this.backoff = retryBackoff(vectors.config().sync().interval());
    this.maxAttempts = vectors.config().sync().maxAttempts();
  }

  /** One pass over up to {@code qdrant.sync.batch_size} due records. */
  public RelayResult relayOnce() {
    int[] counts = db.inTransaction(tx -> {
      int[] c = new int[3];
      for (OutboxRecord record : store.claim(tx, batchSize)) {
        try {
          push(tx, record);
          store.done(tx, record);
          c[0]++;
        } catch (UnavailableException e) {
          // Qdrant is down or shedding load: keep this and every later record for another pass.
          store.retryLater(tx, record, e.getMessage(), backoff.delay(record.attempts() + 1));
          c[1]++;
          LOG.info("vector sync: Qdrant unavailable, outbox record {} stays pending: {}", record.id(), e.getMessage());
          break;
        } catch (RuntimeException e) {
          if (record.attempts() + 1 >= maxAttempts) {
            store.failed(tx, record, e.toString());
            c[2]++;
            LOG.error("vector sync: outbox record {} for collection '{}' failed after {} attempts", record.id(),
                record.collection(), record.attempts() + 1, e);
          } else {
            store.retryLater(tx, record, e.toString(), backoff.delay(record.attempts() + 1));
            c[1]++;
            LOG.warn("vector sync: outbox record {} for collection '{}' was rejected (attempt {} of {}): {}",
                record.id(), record.collection(), record.attempts() + 1, maxAttempts, e.toString());
          }
        }
      }
      return c;
    });
    return new RelayResult(counts[0], counts[1], counts[2], store.pending(db));
  }

  private void push(dev.citadel.client.db.Transaction tx, OutboxRecord record) {
    Map<UUID, PointRow> rows = store.rows(tx, record.collectionId(), record.pointIds());
    List<VectorPoint> upserts = new ArrayList<>();
    List<PointId> deletes = new ArrayList<>();
    for (UUID id : record.pointIds()) {
      PointRow row = rows.get(id);
      if (row == null) {
        deletes.add(PointId.of(id));
      } else if (row.embedding() != null) {
        upserts.add(new VectorPoint(PointId.of(id), row.embedding(), row.payload()));
      } else {
        LOG.warn("vector sync: point {} of '{}' has no stored vector; it cannot be pushed", id, record.collection());
      }
    }
    if (!upserts.isEmpty()) {
      vectors.upsert(record.collection(), upserts);
    }
    if (!deletes.isEmpty()) {
      vectors.delete(record.collection(), deletes);
    }
  }

  /**
   * How long a record waits after its n-th failed attempt: {@code interval}, doubling per attempt,
   * at most {@link #MAX_BACKOFF}, without jitter (a record's next attempt time is stored, and
   * concurrent relays already skip each other's records).
   */
  static Backoff retryBackoff(Duration interval) {
    Duration initial = interval.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : interval;
    return Backoff.exponential(initial, MAX_BACKOFF, 0.0);
  }
}
