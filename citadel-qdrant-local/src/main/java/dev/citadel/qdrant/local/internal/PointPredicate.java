package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.Map;

/** A compiled filter: whether one point (its id and payload) matches. */
@FunctionalInterface
interface PointPredicate {
  /** Matches every point. */
  PointPredicate ALL = (id, payload) -> true;

  boolean test(PointKey id, Map<String, Value> payload);
}
