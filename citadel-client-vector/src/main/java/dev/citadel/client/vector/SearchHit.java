package dev.citadel.client.vector;

import java.util.Map;

/**
 * One search result.
 *
 * @param id the point id
 * @param score the similarity (Cosine, Dot: larger is closer) or distance (Euclid, Manhattan:
 *     smaller is closer)
 * @param payload the payload (empty when not requested); values are {@code String},
 *     {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map} or null
 * @param vector the stored vector when requested, else null (Cosine vectors come back normalised)
 */
public record SearchHit(PointId id, float score, Map<String, Object> payload, float[] vector) {}
