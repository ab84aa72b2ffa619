package dev.citadel.client.vector.sync.internal;

import dev.citadel.client.db.Database;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.client.vector.sync.internal.SyncStore.PointRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes Qdrant match PostgreSQL for a set of points: upserts the rows that exist (stored vector
 * and payload), deletes the others. The one place the sync writes points, used by the relay and
 * by reconcile. It never trusts what it read to still be current once Qdrant answers: it reads
 * the rows' stamps ({@code sync_seq}) again and queues an outbox record for every point written
 * or deleted meanwhile, because its push may have landed after a newer one. That record's push
 * starts after the write, so the last push of a point always carries its last write. Thread-safe.
 */
final class PointPusher {
  private final Database db;
  private final CitadelVectors vectors;
  private final SyncStore store;

  PointPusher(Database db, CitadelVectors vectors, SyncStore store) {
    this.db = db;
    this.vectors = vectors;
    this.store = store;
  }

  /** What one push did beyond matching: points it could not write, and the points queued again. */
  record Pushed(List<UUID> withoutVector, List<UUID> requeued) {}

  /**
   * Pushes the current PostgreSQL state of {@code pointIds} of collection {@code collectionId}
   * (named {@code collection} in Qdrant), then queues again the points written meanwhile. A row
   * without a stored vector is left alone in Qdrant and reported.
   *
   * @throws dev.citadel.client.UnavailableException when Qdrant is unreachable (nothing is queued:
   *     the caller retries the whole push)
   */
  Pushed push(UUID collectionId, String collection, Collection<UUID> pointIds) {
    Map<UUID, PointRow> rows = store.rows(db, collectionId, pointIds);
    Map<UUID, Long> stamps = new HashMap<>();
    List<VectorPoint> upserts = new ArrayList<>();
    List<PointId> deletes = new ArrayList<>();
    List<UUID> withoutVector = new ArrayList<>();
    for (UUID id : pointIds) {
      PointRow row = rows.get(id);
      if (row == null) {
        deletes.add(PointId.of(id));
        continue;
      }
      stamps.put(id, row.syncSeq());
      if (row.embedding() == null) {
        withoutVector.add(id);
      } else {
        upserts.add(new VectorPoint(PointId.of(id), row.embedding(), row.payload()));
      }
    }
    if (!upserts.isEmpty()) {
      vectors.upsert(collection, upserts);
    }
    if (!deletes.isEmpty()) {
      vectors.delete(collection, deletes);
    }
    List<UUID> changed = store.changedSince(db, collectionId, pointIds, stamps);
    if (!changed.isEmpty()) {
      store.requeue(db, collectionId, changed);
    }
    return new Pushed(withoutVector, changed);
  }
}
