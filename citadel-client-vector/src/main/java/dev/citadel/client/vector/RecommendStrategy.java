package dev.citadel.client.vector;

/** How a recommend query uses its examples (Qdrant's strategies). */
public enum RecommendStrategy {
  /** One query vector: the average of the positives, pushed away from the average of the negatives. */
  AVERAGE_VECTOR,
  /** Each candidate scored against every example: its best positive score unless a negative is closer. */
  BEST_SCORE,
  /** The sum of the scores against the positives minus the sum against the negatives. */
  SUM_SCORES
}
