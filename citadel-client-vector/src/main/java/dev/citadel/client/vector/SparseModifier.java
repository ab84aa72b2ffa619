package dev.citadel.client.vector;

/** What Qdrant applies to the values of a sparse vector at query time. */
public enum SparseModifier {
  /** Nothing: scores are the dot product of the stored and query values. */
  NONE,
  /**
   * Inverse document frequency: Qdrant multiplies each query value by the idf of its index over
   * the collection, {@code ln(1 + (N - n + 0.5) / (n + 0.5))} (N points, n of them holding the
   * index), so stored BM25 term weights and unit query weights score as BM25.
   */
  IDF
}
