package dev.citadel.client.vector;

/** How Qdrant's Query API fuses the results of several prefetches into one ranking. */
public enum Fusion {
  /**
   * Reciprocal Rank Fusion: each prefetch adds 1 / (k + rank) for a point at its 0-based rank
   * (Qdrant's k = 2); only ranks count, so sources with incomparable scores fuse well.
   */
  RRF,
  /**
   * Distribution-Based Score Fusion: each prefetch's scores are normalised by their mean and
   * standard deviation (mean +- 3 sigma mapped to 0..1), then summed per point.
   */
  DBSF
}
