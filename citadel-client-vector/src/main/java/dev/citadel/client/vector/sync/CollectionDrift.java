package dev.citadel.client.vector.sync;

import dev.citadel.client.vector.PointId;
import java.util.List;

/**
 * How one collection in Qdrant differs from what PostgreSQL says it should hold.
 *
 * @param collection the collection
 * @param postgresPoints points recorded in {@code vector_metadata}
 * @param qdrantPoints points found in Qdrant
 * @param collectionMissing whether the collection itself was missing in Qdrant
 * @param missing points PostgreSQL has and Qdrant lacks
 * @param orphans points Qdrant has and PostgreSQL does not
 * @param payloadDrift points on both sides whose payloads differ
 * @param repaired whether this run repaired the differences ({@link ReconcileMode#REPAIR})
 * @param unrepairable missing or drifted points that could not be repaired because PostgreSQL
 *     holds no vector for them
 * @param pendingOutbox outbox records of this collection still pending (in-flight changes
 *     explain some drift until the relay has pushed them)
 */
public record CollectionDrift(String collection, long postgresPoints, long qdrantPoints, boolean collectionMissing,
    List<PointId> missing, List<PointId> orphans, List<PointId> payloadDrift, boolean repaired,
    List<PointId> unrepairable, long pendingOutbox) {

  /** Copies the lists. */
  public CollectionDrift {
    missing = List.copyOf(missing);
    orphans = List.copyOf(orphans);
    payloadDrift = List.copyOf(payloadDrift);
    unrepairable = List.copyOf(unrepairable);
  }

  /** Missing + orphan + drifted points found. */
  public int driftCount() {
    return missing.size() + orphans.size() + payloadDrift.size();
  }

  /**
   * Whether Qdrant now matches PostgreSQL: nothing was found, or everything found was repaired.
   */
  public boolean inSync() {
    return (!collectionMissing && driftCount() == 0) || (repaired && unrepairable.isEmpty());
  }

  /** One line: counts per kind of difference. */
  public String summary() {
    return collection + ": postgres " + postgresPoints + ", qdrant " + qdrantPoints
        + (collectionMissing ? ", collection missing" : "") + ", missing " + missing.size() + ", orphans "
        + orphans.size() + ", payload drift " + payloadDrift.size() + (repaired ? ", repaired" : "")
        + (unrepairable.isEmpty() ? "" : ", unrepairable " + unrepairable.size())
        + (pendingOutbox == 0 ? "" : ", outbox pending " + pendingOutbox);
  }
}
