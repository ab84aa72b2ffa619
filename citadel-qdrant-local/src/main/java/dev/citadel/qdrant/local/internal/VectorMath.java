package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.Collections.Distance;

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
   * Similarities (larger is better, for every distance) of {@code query} with every vector of a
   * column-major chunk ({@code chunk[i * rows + r]} is dimension {@code i} of row {@code r}),
   * into {@code out[0..rows)}. The inner loops run over rows, not dimensions, so the JIT can
   * vectorise them; each row's sum is still accumulated in dimension order.
   */
  static void similarities(Distance distance, float[] query, float[] chunk, int rows, float[] out) {
    java.util.Arrays.fill(out, 0, rows, 0f);
    switch (distance) {
      case Cosine, Dot -> {
        for (int i = 0; i < query.length; i++) {
          float q = query[i];
          int base = i * rows;
          for (int r = 0; r < rows; r++) {
            out[r] += q * chunk[base + r];
          }
        }
      }
      case Euclid -> {
        for (int i = 0; i < query.length; i++) {
          float q = query[i];
          int base = i * rows;
          for (int r = 0; r < rows; r++) {
            float d = q - chunk[base + r];
            out[r] += d * d;
          }
        }
        negate(out, rows);
      }
      default -> {
        for (int i = 0; i < query.length; i++) {
          float q = query[i];
          int base = i * rows;
          for (int r = 0; r < rows; r++) {
            out[r] += Math.abs(q - chunk[base + r]);
          }
        }
        negate(out, rows);
      }
    }
  }

  private static void negate(float[] out, int rows) {
    for (int r = 0; r < rows; r++) {
      out[r] = -out[r];
    }
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
