package dev.citadel.qdrant.local.internal;

import dev.citadel.qdrant.local.internal.LocalCollection.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fusion of prefetch rankings, as Qdrant's lib/segment/src/common/score_fusion.rs does it. The
 * fused list is ordered by fused score, larger first (ties here by point id; Qdrant leaves them
 * unspecified).
 */
final class Fusion {
  /** Qdrant's DEFAULT_RRF_K. */
  static final int DEFAULT_RRF_K = 2;

  private Fusion() {}

  /**
   * Reciprocal rank fusion: a point's score is the sum over the rankings it is in of
   * {@code 1 / ((position + 1) / weight + k - 1)}, position counted from 0, weights 1 unless
   * given, so unweighted it is {@code 1 / (k + position)} and the top of one list alone scores
   * 1/2 with k = 2; a weight of 0 or less contributes nothing (Qdrant's
   * {@code lib/segment/src/common/reciprocal_rank_fusion.rs}, {@code position_score}).
   */
  static List<Hit> rrf(List<List<Hit>> rankings, int k, List<Float> weights) {
    Map<PointKey, Hit> fused = new LinkedHashMap<>();
    for (int list = 0; list < rankings.size(); list++) {
      float weight = weights.isEmpty() ? 1f : weights.get(list);
      List<Hit> ranking = rankings.get(list);
      for (int position = 0; position < ranking.size(); position++) {
        Hit h = ranking.get(position);
        float score = weight <= 0 ? 0f : 1f / ((position + 1) / weight + k - 1f);
        fused.merge(h.key(), h.withScore(score), (a, b) -> a.withScore(a.score() + b.score()));
      }
    }
    return sorted(fused);
  }

  /**
   * Distribution-based score fusion: each ranking's scores are normalised with the limits mean
   * -/+ 3 standard deviations (sample standard deviation), {@code (s - low) / (high - low)}, a
   * ranking whose scores are all equal normalising to 0.5; then a point's normalised scores are
   * summed over the rankings it is in.
   */
  static List<Hit> dbsf(List<List<Hit>> rankings) {
    Map<PointKey, Hit> fused = new LinkedHashMap<>();
    for (List<Hit> ranking : rankings) {
      int n = ranking.size();
      if (n == 0) {
        continue;
      }
      double mean = 0;
      for (Hit h : ranking) {
        mean += h.score();
      }
      mean /= n;
      double squares = 0;
      for (Hit h : ranking) {
        squares += (h.score() - mean) * (h.score() - mean);
      }
      double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
      double low = mean - 3 * std;
      double high = mean + 3 * std;
      for (Hit h : ranking) {
        float normalised = high > low ? (float) ((h.score() - low) / (high - low)) : 0.5f;
        fused.merge(h.key(), h.withScore(normalised), (a, b) -> a.withScore(a.score() + b.score()));
      }
    }
    return sorted(fused);
  }

  private static List<Hit> sorted(Map<PointKey, Hit> fused) {
    List<Hit> out = new ArrayList<>(fused.values());
    out.sort(Comparator.comparingDouble((Hit h) -> -h.score()).thenComparing(Hit::key));
    return out;
  }
}
