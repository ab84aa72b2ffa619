package dev.citadel.client.vector;

import java.util.Map;

/**
 * A point as Qdrant holds it, from get or scroll.
 *
 * @param id the point id
 * @param payload the payload; values are {@code String}, {@code Long}, {@code Double},
 *     {@code Boolean}, {@code List}, {@code Map} or null
 * @param vector the stored vector when requested, else null (Cosine vectors come back normalised)
 */
public record StoredPoint(PointId id, Map<String, Object> payload, float[] vector) {}
