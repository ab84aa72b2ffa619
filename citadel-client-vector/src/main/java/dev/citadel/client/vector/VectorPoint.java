package dev.citadel.client.vector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A point to upsert: id, vector and payload (strings, numbers, booleans, {@link java.time.Instant}s,
 * {@link java.util.UUID}s, nulls, lists and maps of those). The generic escape hatch next to
 * {@link DocumentChunk}. The vector array is copied in; treat {@link #vector()} as read-only.
 *
 * @param id the point id
 * @param vector the embedding
 * @param payload the payload, possibly empty
 */
public record VectorPoint(PointId id, float[] vector, Map<String, Object> payload) {

  /** Copies the vector and the payload. */
  public VectorPoint {
    Objects.requireNonNull(id, "id");
    vector = Objects.requireNonNull(vector, "vector").clone();
    payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload == null ? Map.of() : payload));
  }

  @Override
  public String toString() {
    return "VectorPoint[" + id + ", " + vector.length + "-d, payload keys " + payload.keySet() + "]";
  }
}
