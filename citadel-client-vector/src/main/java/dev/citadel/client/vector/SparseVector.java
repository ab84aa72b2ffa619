package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A sparse vector: non-zero {@code values} at {@code indices} (dimension ids, e.g. hashed term ids
 * from {@link SparseTextEncoder}). Qdrant scores two sparse vectors by the dot product over the
 * indices they share. Immutable (both arrays are copied in and out).
 *
 * @param indices distinct dimension ids, 0 or more (Qdrant's are unsigned 32-bit; larger ones
 *     are not representable here)
 * @param values the finite value at each index, as many as indices
 */
public record SparseVector(int[] indices, float[] values) {

  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException for arrays of different lengths, a negative or repeated
   *     index, or a NaN or infinite value
   */
  public SparseVector {
    indices = Objects.requireNonNull(indices, "indices").clone();
    values = Objects.requireNonNull(values, "values").clone();
    if (indices.length != values.length) {
      throw new InvalidArgumentException("values", "a sparse vector needs one value per index, had "
          + indices.length + " indices and " + values.length + " values");
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0) {
        throw new InvalidArgumentException("indices", "sparse indices must not be negative, was " + indices[i]);
      }
      if (!seen.add(indices[i])) {
        throw new InvalidArgumentException("indices", "sparse index " + indices[i] + " appears twice");
      }
      if (!Float.isFinite(values[i])) {
        throw new InvalidArgumentException("values", "sparse value at index " + indices[i] + " is " + values[i]
            + "; values must be finite");
      }
    }
  }

  /** A copy of the indices. */
  @Override
  public int[] indices() {
    return indices.clone();
  }

  /** A copy of the values. */
  @Override
  public float[] values() {
    return values.clone();
  }

  /** Number of non-zero entries. */
  public int size() {
    return indices.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseVector s && Arrays.equals(indices, s.indices) && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "SparseVector[" + indices.length + " entries]";
  }
}
