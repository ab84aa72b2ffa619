package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.DimensionMismatchException;
import dev.citadel.client.vector.InvalidVectorException;

/** The checks every vector passes before it is sent to Qdrant or stored for it. */
public final class VectorChecks {
  private VectorChecks() {}

  /**
   * Checks a vector's values.
   *
   * @param what whose vector it is, e.g. {@code point 7} or {@code the search query}
   * @throws InvalidVectorException when {@code vector} is empty or holds NaN or an infinity
   */
  public static void values(String collection, float[] vector, String what) {
    if (vector.length == 0) {
      throw new InvalidVectorException(collection, "vector of " + what, "is empty (Qdrant collection '"
          + collection + "')");
    }
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new InvalidVectorException(collection, "vector of " + what, "holds " + vector[i] + " at index " + i
            + "; Qdrant collection '" + collection + "' needs finite numbers");
      }
    }
  }

  /**
   * Checks a vector's size.
   *
   * @throws DimensionMismatchException when {@code vector} is not {@code expected} long
   */
  public static void dimension(String collection, int expected, float[] vector) {
    if (vector.length != expected) {
      throw new DimensionMismatchException(collection, expected, vector.length, null);
    }
  }
}
