package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A point to upsert: id, vectors and payload (strings, numbers, booleans, {@link java.time.Instant}s,
 * {@link java.util.UUID}s, nulls, lists and maps of those). The generic escape hatch next to
 * {@link DocumentChunk}. A point carries the collection's unnamed dense vector ({@code vector}),
 * or named dense vectors, and any named sparse vectors. Arrays are copied in; treat
 * {@link #vector()} and the maps' arrays as read-only.
 *
 * @param id the point id
 * @param vector the unnamed dense vector, or null when the point has only named vectors
 * @param payload the payload, possibly empty
 * @param namedVectors named dense vectors (empty for none)
 * @param sparseVectors named sparse vectors (empty for none)
 */
public record VectorPoint(PointId id, float[] vector, Map<String, Object> payload,
    Map<String, float[]> namedVectors, Map<String, SparseVector> sparseVectors) {

  /**
   * Copies the vectors and the payload.
   *
   * @throws InvalidArgumentException when the point has no vector at all
   */
  public VectorPoint {
    Objects.requireNonNull(id, "id");
    vector = vector == null ? null : vector.clone();
    payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload == null ? Map.of() : payload));
    Map<String, float[]> named = new LinkedHashMap<>();
    (namedVectors == null ? Map.<String, float[]>of() : namedVectors).forEach((name, v) ->
        named.put(Objects.requireNonNull(name, "vector name"), Objects.requireNonNull(v, "vector " + name).clone()));
    namedVectors = Collections.unmodifiableMap(named);
    sparseVectors = Collections.unmodifiableMap(new LinkedHashMap<>(sparseVectors == null ? Map.of() : sparseVectors));
    if (vector == null && namedVectors.isEmpty() && sparseVectors.isEmpty()) {
      throw new InvalidArgumentException("vector", "point " + id + " has no vector (unnamed, named or sparse)");
    }
  }

  /** A point with the unnamed dense vector only. */
  public VectorPoint(PointId id, float[] vector, Map<String, Object> payload) {
    this(id, Objects.requireNonNull(vector, "vector"), payload, Map.of(), Map.of());
  }

  /** A point with named dense and sparse vectors and no unnamed vector. */
  public static VectorPoint named(PointId id, Map<String, float[]> namedVectors, Map<String, SparseVector> sparseVectors,
      Map<String, Object> payload) {
    return new VectorPoint(id, null, payload, namedVectors, sparseVectors);
  }

  /** This point with {@code sparse} as its sparse vector {@code name} (other vectors kept). */
  public VectorPoint withSparse(String name, SparseVector sparse) {
    Map<String, SparseVector> more = new LinkedHashMap<>(sparseVectors);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(sparse, "sparse"));
    return new VectorPoint(id, vector, payload, namedVectors, more);
  }

  @Override
  public String toString() {
    return "VectorPoint[" + id + (vector == null ? "" : ", " + vector.length + "-d") + (namedVectors.isEmpty() ? ""
        : ", named " + namedVectors.keySet()) + (sparseVectors.isEmpty() ? "" : ", sparse " + sparseVectors.keySet())
        + ", payload keys " + payload.keySet() + "]";
  }
}
