package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One named sparse vector of a collection: each point's (index, weight) pairs sorted by index,
 * and how many points use each index (the document frequency for the IDF modifier). Scoring
 * follows Qdrant (lib/sparse/src/common/sparse_vector.rs {@code score}): the dot product over
 * the indices both vectors have, and no score at all when they share none, so such points are
 * never returned. Guarded by the collection's lock.
 */
final class SparseVectors {
  /** A sparse vector with unique indices in ascending order. */
  record Sparse(int[] indices, float[] values) {
    /** Validates lengths and uniqueness and sorts by index (Qdrant sorts before storing and scoring). */
    static Sparse of(List<Integer> indices, List<Float> values) {
      if (indices.size() != values.size()) {
        throw Errors.invalid("Validation error in body: [sparse vector: indices and values must be the same"
            + " length, got " + indices.size() + " indices and " + values.size() + " values]");
      }
      Integer[] order = new Integer[indices.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Integer.compareUnsigned(indices.get(a), indices.get(b)));
      int[] idx = new int[order.length];
      float[] val = new float[order.length];
      for (int i = 0; i < order.length; i++) {
        idx[i] = indices.get(order[i]);
        val[i] = values.get(order[i]);
        if (i > 0 && idx[i] == idx[i - 1]) {
          throw Errors.invalid("Validation error in body: [sparse vector: indices must be unique, "
              + Integer.toUnsignedString(idx[i]) + " is repeated]");
        }
      }
      return new Sparse(idx, val);
    }

    /** The dot product over shared indices, or NaN when there are none. */
    float dot(Sparse other) {
      int i = 0;
      int j = 0;
      boolean overlap = false;
      float sum = 0;
      while (i < indices.length && j < other.indices.length) {
        int c = Integer.compareUnsigned(indices[i], other.indices[j]);
        if (c == 0) {
          sum += values[i++] * other.values[j++];
          overlap = true;
        } else if (c < 0) {
          i++;
        } else {
          j++;
        }
      }
      return overlap ? sum : Float.NaN;
    }
  }

  private final String name;
  private final SparseVectorParams params;
  private Sparse[] bySlot = new Sparse[1024];
  private int count;
  private final Map<Integer, Integer> documentFrequency = new HashMap<>();

  SparseVectors(String name, SparseVectorParams params) {
    if (params.hasModifier() && params.getModifier() != Modifier.None && params.getModifier() != Modifier.Idf) {
      throw Errors.invalid("Unknown sparse vector modifier: " + params.getModifierValue());
    }
    this.name = name;
    this.params = params;
  }

  String name() {
    return name;
  }

  boolean idf() {
    return params.getModifier() == Modifier.Idf;
  }

  Sparse get(int slot) {
    return slot < bySlot.length ? bySlot[slot] : null;
  }

  int count() {
    return count;
  }

  void set(int slot, Sparse vector) {
    clear(slot);
    if (slot >= bySlot.length) {
      bySlot = Arrays.copyOf(bySlot, Math.max(slot + 1, bySlot.length * 2));
    }
    bySlot[slot] = vector;
    count++;
    for (int index : vector.indices()) {
      documentFrequency.merge(index, 1, Integer::sum);
    }
  }

  void clear(int slot) {
    Sparse old = get(slot);
    if (old == null) {
      return;
    }
    bySlot[slot] = null;
    count--;
    for (int index : old.indices()) {
      documentFrequency.computeIfPresent(index, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  /**
   * The query as scored: with the IDF modifier each weight is multiplied by
   * {@code ln(1 + (N - n + 0.5) / (n + 0.5))}, N the points with this vector and n those using
   * the index (BM25's IDF, as Qdrant's sparse index computes it at query time; the stored
   * weights are left as given).
   */
  Sparse prepare(Sparse query) {
    if (!idf()) {
      return query;
    }
    float[] weighted = new float[query.values().length];
    for (int i = 0; i < weighted.length; i++) {
      int n = documentFrequency.getOrDefault(query.indices()[i], 0);
      weighted[i] = query.values()[i] * (float) Math.log(1.0 + (count - n + 0.5) / (n + 0.5));
    }
    return new Sparse(query.indices(), weighted);
  }

  /** The score of the point in {@code slot} for a prepared query: NaN without the vector or overlap. */
  float score(Sparse prepared, int slot) {
    Sparse v = get(slot);
    return v == null ? Float.NaN : prepared.dot(v);
  }
}
