package dev.citadel.client.vector.sync;

/** What {@link VectorSync#reconcile} does with the differences it finds. */
public enum ReconcileMode {
  /** Only report them. */
  REPORT,
  /**
   * Report them, then make Qdrant match PostgreSQL: create a missing collection, upsert missing
   * and drifted points from their stored vectors and payloads, delete orphan points.
   */
  REPAIR
}
