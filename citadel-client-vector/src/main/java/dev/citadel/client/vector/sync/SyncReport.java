package dev.citadel.client.vector.sync;

import java.util.List;
import java.util.Optional;

/**
 * The result of reconciling every registered collection.
 *
 * @param mode whether differences were only reported or also repaired
 * @param collections one entry per collection, in name order
 */
public record SyncReport(ReconcileMode mode, List<CollectionDrift> collections) {

  /** Copies the list. */
  public SyncReport {
    collections = List.copyOf(collections);
  }

  /** Collections whose Qdrant side matches PostgreSQL after this run. */
  public int synchronizedCount() {
    return (int) collections.stream().filter(CollectionDrift::inSync).count();
  }

  /** Missing + orphan + drifted points found over all collections. */
  public int driftCount() {
    return collections.stream().mapToInt(CollectionDrift::driftCount).sum();
  }

  /** The entry of {@code collection}, if it was reconciled. */
  public Optional<CollectionDrift> collection(String collection) {
    return collections.stream().filter(c -> c.collection().equals(collection)).findFirst();
  }

  /** {@code Collections synchronized: N} (seed 002's line), then one line per collection. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Collections synchronized: ").append(synchronizedCount());
    collections.forEach(c -> out.append(System.lineSeparator()).append("  ").append(c.summary()));
    return out.toString();
  }
}
