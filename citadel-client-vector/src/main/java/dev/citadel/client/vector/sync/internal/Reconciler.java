package dev.citadel.client.vector.sync.internal;

import dev.citadel.client.db.Database;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.client.vector.sync.CollectionDrift;
import dev.citadel.client.vector.sync.ReconcileMode;
import dev.citadel.client.vector.sync.internal.SyncStore.CollectionRow;
import dev.citadel.client.vector.sync.internal.SyncStore.PointRow;
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

  public Reconciler(Database db, CitadelVectors vectors, SyncStore store) {
    this.db = db;
    this.vectors = vectors;
    this.store = store;
  }

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
    List<PointId> missing = expected.keySet().stream().filter(id -> !seen.containsKey(id)).sorted()
        .map(PointId::of).toList();

    List<PointId> unrepairable = new ArrayList<>();
    boolean repaired = false;
    if (mode == ReconcileMode.REPAIR) {
      if (collectionMissing) {
        vectors.ensure(row.spec());
      }
      List<UUID> toPush = new ArrayList<>();
      missing.forEach(id -> toPush.add(id.uuid()));
      drift.forEach(id -> toPush.add(id.uuid()));
      for (int i = 0; i < toPush.size(); i += REPAIR_BATCH) {
        Map<UUID, PointRow> rows = store.rows(db, row.id(), toPush.subList(i, Math.min(toPush.size(), i + REPAIR_BATCH)));
        List<VectorPoint> points = new ArrayList<>();
        rows.values().forEach(r -> {
          if (r.embedding() == null) {
            unrepairable.add(PointId.of(r.pointId()));
          } else {
            points.add(new VectorPoint(PointId.of(r.pointId()), r.embedding(), r.payload()));
          }
        });
        vectors.upsert(row.name(), points);
      }
      if (!orphans.isEmpty()) {
        vectors.delete(row.name(), orphans);
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
}
