package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.Collections.Distance;
import org.apache.lucene.util.VectorUtil;

/**
 * Qdrant's distance functions (lib/segment/src/spaces/simple.rs and types.rs): an internal
 * similarity where larger is better, turned into the reported score by {@code postprocess}
 * (Euclid: the square root of the negated squared distance; Manhattan: the absolute value).
 * Cosine vectors are normalised once, at insert and for the query.
 */
final class VectorMath {
  private VectorMath() {}

  /** Cosine: scales to unit length unless zero or already within 1e-6 of it (spaces/tools.rs). */
  static float[] preprocess(Distance distance, float[] v) {
    if (distance != Distance.Cosine) {
      return v;
    }
    float length = 0;
    for (float x : v) {
      length += x * x;
    }
    if (length < Math.ulp(1.0f) || Math.abs(length - 1.0f) <= 1.0e-6f) {
      return v;
    }
    float norm = (float) Math.sqrt(length);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] / norm;
    }
    return out;
  }

  /**
   * The similarity (larger is better, for every distance) of two vectors of the same length:
   * dot product for Cosine (both normalised) and Dot, minus the squared distance for Euclid,
   * minus the L1 distance for Manhattan. Lucene's {@code VectorUtil} does the unrolled loops.
   */
  static float similarity(Distance distance, float[] query, float[] vector) {
    return switch (distance) {
      case Cosine, Dot -> VectorUtil.dotProduct(query, vector);
      case Euclid -> -VectorUtil.squareDistance(query, vector);
      default -> {
        float sum = 0;
        for (int i = 0; i < query.length; i++) {
          sum += Math.abs(query[i] - vector[i]);
        }
        yield -sum;
      }
    };
  }

  static float postprocess(Distance distance, float similarity) {
    return switch (distance) {
      case Euclid -> (float) Math.sqrt(Math.abs(similarity));
      case Manhattan -> Math.abs(similarity);
      default -> similarity;
    };
  }

  /** Score threshold after postprocessing: strictly better than the threshold (check_threshold). */
  static boolean passes(Distance distance, float score, float threshold) {
    return distance == Distance.Euclid || distance == Distance.Manhattan ? score < threshold : score > threshold;
  }
}
