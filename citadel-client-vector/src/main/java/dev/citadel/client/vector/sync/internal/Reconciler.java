package dev.citadel.client.vector.sync.internal;

import dev.citadel.client.db.Database;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.sync.CollectionDrift;
import dev.citadel.client.vector.sync.ReconcileMode;
import dev.citadel.client.vector.sync.internal.SyncStore.CollectionRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares one collection in PostgreSQL ({@code vector_metadata}) with Qdrant, point by point:
 * missing points, orphan points, payload drift; and, when asked, repairs Qdrant from PostgreSQL.
 * Memory: one payload per PostgreSQL point while comparing; vectors are loaded only for the
 * points being repaired, {@value #REPAIR_BATCH} at a time.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final int REPAIR_BATCH = 500;

  private final Database db;
  private final CitadelVectors vectors;
  private final SyncStore store;
  private final PointPusher pusher;

  /** Reconciles {@code db}'s metadata with {@code vectors}; opens nothing. */
  public Reconciler(Database db, CitadelVectors vectors, SyncStore store) {
    this.db = db;
    this.vectors = vectors;
    this.store = store;
    this.pusher = new PointPusher(db, vectors, store);
  }

  /**
   * Compares (and with {@link ReconcileMode#REPAIR} repairs) one collection. Safe while writers
   * and relays run: a point is only deleted from Qdrant when PostgreSQL has no row for it at the
   * time of the delete's push, and a point written during the repair is queued again.
   */
  public CollectionDrift reconcile(CollectionRow row, ReconcileMode mode) {
    long pending = store.pending(db, row.id());
    Map<UUID, Map<String, Object>> expected = new HashMap<>();
    store.forEachPoint(db, row.id(), p -> expected.put(p.pointId(), p.payload()));

    boolean collectionMissing = !vectors.exists(row.name());
    List<PointId> orphans = new ArrayList<>();
    List<PointId> drift = new ArrayList<>();
    Map<UUID, Boolean> seen = new HashMap<>();
    long[] qdrantPoints = {0};
    if (!collectionMissing) {
      vectors.forEach(row.name(), VectorFilter.none(), p -> {
        qdrantPoints[0]++;
        UUID id = p.id().isUuid() ? p.id().uuid() : null;
        Map<String, Object> want = id == null ? null : expected.get(id);
        if (want == null) {
          orphans.add(p.id());
        } else {
          seen.put(id, Boolean.TRUE);
          if (!want.equals(p.payload())) {
            drift.add(p.id());
          }
        }
      });
    }
    orphans.removeAll(writtenSinceSnapshot(row.id(), orphans));
    List<PointId> missing = expected.keySet().stream().filter(id -> !seen.containsKey(id)).sorted()
        .map(PointId::of).toList();

    List<PointId> unrepairable = new ArrayList<>();
    boolean repaired = false;
    if (mode == ReconcileMode.REPAIR) {
      if (collectionMissing) {
        vectors.ensure(row.spec());
      }
      // Orphans too go through the pusher: it reads PostgreSQL again, so a point written since the
      // snapshot is upserted rather than deleted, and one written while it pushes is queued again.
      List<UUID> toMatch = new ArrayList<>();
      List<PointId> foreignIds = new ArrayList<>();
      for (List<PointId> ids : List.of(missing, drift, orphans)) {
        ids.forEach(id -> {
          if (id.isUuid()) {
            toMatch.add(id.uuid());
          } else {
            foreignIds.add(id);
          }
        });
      }
      for (int i = 0; i < toMatch.size(); i += REPAIR_BATCH) {
        PointPusher.Pushed pushed = pusher.push(row.id(), row.name(),
            toMatch.subList(i, Math.min(toMatch.size(), i + REPAIR_BATCH)));
        pushed.withoutVector().forEach(id -> unrepairable.add(PointId.of(id)));
      }
      if (!foreignIds.isEmpty()) {
        // not a UUID: PostgreSQL cannot hold it (point_id is a uuid column)
        vectors.delete(row.name(), foreignIds);
      }
      repaired = true;
    }
    CollectionDrift result = new CollectionDrift(row.name(), expected.size(), qdrantPoints[0], collectionMissing,
        missing, orphans, drift, repaired, unrepairable, pending);
    if (result.driftCount() > 0 || collectionMissing) {
      LOG.warn("vector sync: {}", result.summary());
    }
    return result;
  }

  /** Orphan candidates that PostgreSQL holds by now: written after the snapshot, not orphans. */
  private List<PointId> writtenSinceSnapshot(UUID collectionId, List<PointId> candidates) {
    List<UUID> ids = candidates.stream().filter(PointId::isUuid).map(PointId::uuid).toList();
    if (ids.isEmpty()) {
      return List.of();
    }
    return store.rows(db, collectionId, ids).keySet().stream().map(PointId::of).toList();
  }
}
