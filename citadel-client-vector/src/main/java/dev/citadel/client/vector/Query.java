package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.List;
import java.util.Objects;

/**
 * What one stage of a Qdrant Query API request ranks by ({@link QueryRequest}, {@link Prefetch}).
 * Build one with the static factories. Immutable.
 */
public sealed interface Query
    permits Query.Nearest, Query.NearestSparse, Query.NearestTo, Query.Recommend, Query.Fuse, Query.OrderBy {

  /** Nearest to a dense vector (of the stage's {@code using} vector). */
  record Nearest(float[] vector) implements Query {
    /** Copies the vector. */
    public Nearest {
      vector = Objects.requireNonNull(vector, "vector").clone();
    }
  }

  /** Nearest to a sparse vector (of the stage's {@code using} sparse vector): dot product over shared indices. */
  record NearestSparse(SparseVector vector) implements Query {
    /** Checks for null. */
    public NearestSparse {
      Objects.requireNonNull(vector, "vector");
    }
  }

  /** Nearest to the stored vector of point {@code id} (the point itself included, as in Qdrant). */
  record NearestTo(PointId id) implements Query {
    /** Checks for null. */
    public NearestTo {
      Objects.requireNonNull(id, "id");
    }
  }

  /** Like the stored vectors of {@code positive} and unlike those of {@code negative}. */
  record Recommend(List<PointId> positive, List<PointId> negative, RecommendStrategy strategy) implements Query {
    /** Copies the lists; at least one positive example is required. */
    public Recommend {
      positive = List.copyOf(positive);
      negative = List.copyOf(negative);
      Objects.requireNonNull(strategy, "strategy");
      if (positive.isEmpty()) {
        throw new InvalidArgumentException("positive", "a recommend query needs at least one positive example");
      }
    }
  }

  /** Fuse the stage's prefetches. */
  record Fuse(Fusion fusion) implements Query {
    /** Checks for null. */
    public Fuse {
      Objects.requireNonNull(fusion, "fusion");
    }
  }

  /** Order by a payload field (it needs a payload index of a numeric or datetime type). */
  record OrderBy(String key, boolean descending) implements Query {
    /** Checks the key. */
    public OrderBy {
      Objects.requireNonNull(key, "key");
      if (key.isBlank()) {
        throw new InvalidArgumentException("key", "order_by needs a payload key");
      }
    }
  }

  /** Nearest to {@code vector}. */
  static Query nearest(float[] vector) {
    return new Nearest(vector);
  }

  /** Nearest to the sparse {@code vector}. */
  static Query nearest(SparseVector vector) {
    return new NearestSparse(vector);
  }

  /** Nearest to the stored vector of point {@code id}. */
  static Query nearestTo(PointId id) {
    return new NearestTo(id);
  }

  /** Recommend by examples, averaging their vectors (Qdrant's default strategy). */
  static Query recommend(List<PointId> positive, List<PointId> negative) {
    return new Recommend(positive, negative, RecommendStrategy.AVERAGE_VECTOR);
  }

  /** Recommend by examples with {@code strategy}. */
  static Query recommend(List<PointId> positive, List<PointId> negative, RecommendStrategy strategy) {
    return new Recommend(positive, negative, strategy);
  }

  /** Fuse the prefetches' results. */
  static Query fusion(Fusion fusion) {
    return new Fuse(fusion);
  }

  /** Order by payload field {@code key}, ascending. */
  static Query orderBy(String key) {
    return new OrderBy(key, false);
  }

  /** Order by payload field {@code key}, largest first. */
  static Query orderByDescending(String key) {
    return new OrderBy(key, true);
  }
}
