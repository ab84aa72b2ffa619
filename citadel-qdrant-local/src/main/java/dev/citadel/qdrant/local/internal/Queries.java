package dev.citadel.qdrant.local.internal;

import dev.citadel.qdrant.local.internal.LocalCollection.Hit;
import dev.citadel.qdrant.local.internal.LocalCollection.VectorSelection;
import dev.citadel.qdrant.local.internal.SparseVectors.Sparse;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.OrderValue;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.RecommendInput;
import io.qdrant.client.grpc.Points.RecommendStrategy;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchParams;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.VectorInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Search and the universal query over one collection, each under one read lock so every stage
 * sees the same points. Rankings are lists of {@link Hit}s, best first, with the scores Qdrant
 * reports.
 */
final class Queries {
  /** Query's default limit (collection_query.rs). */
  static final int DEFAULT_QUERY_LIMIT = 10;

  private Queries() {}

  static List<ScoredPoint> search(LocalCollection c, SearchPoints r) {
    if (r.hasShardKeySelector()) {
      throw Errors.unimplemented("Shard key selectors");
    }
    if (r.getLimit() < 1) {
      throw Errors.invalid("Validation error in body: [limit: value 0 invalid, must be 1 or larger]");
    }
    String using = r.hasVectorName() ? r.getVectorName() : "";
    PointPredicate filter = c.filter(r.hasFilter() ? r.getFilter() : null);
    UnaryOperator<Map<String, Value>> payload = Selections.payload(r.hasWithPayload(), r.getWithPayload(), false);
    VectorSelection vectors = Selections.vectors(r.hasWithVectors(), r.getWithVectors());
    c.checkSelection(vectors);
    int limit = clamp(r.getLimit());
    int offset = clamp(r.getOffset());
    Float threshold = r.hasScoreThreshold() ? r.getScoreThreshold() : null;
    SearchParams params = r.hasParams() ? r.getParams() : null;
    return c.read(() -> {
      List<Hit> hits;
      if (r.hasSparseIndices()) {
        SparseVectors s = c.sparseVectors(using);
        Sparse q = s.prepare(Sparse.of(r.getSparseIndices().getDataList(), r.getVectorList()));
        hits = c.rank(null, filter, slot -> s.score(q, slot), limit + offset, threshold, null);
      } else {
        if (c.isSparse(using)) {
          throw Errors.badInput("Vector `" + using + "` is sparse: the search needs sparse_indices");
        }
        DenseVectors d = c.denseVectors(using);
        hits = nearestDense(c, d, d.prepare(r.getVectorList()), filter, limit + offset, threshold, params);
      }
      return page(c, hits, offset, limit, payload, vectors);
    });
  }

  /** One stage of a universal query: the root request or a prefetch. */
  private record Stage(List<PrefetchQuery> prefetch, Query query, String using, Filter filter, SearchParams params,
      Float threshold, int limit) {}

  static List<ScoredPoint> query(LocalCollection c, QueryPoints r) {
    if (r.hasLookupFrom() || r.hasShardKeySelector()) {
      throw Errors.unimplemented("lookup_from and shard key selectors");
    }
    long requested = r.hasLimit() ? r.getLimit() : DEFAULT_QUERY_LIMIT;
    if (requested < 1) {
      throw Errors.invalid("Validation error in body: [limit: value 0 invalid, must be 1 or larger]");
    }
    int limit = clamp(requested);
    int offset = clamp(r.getOffset());
    UnaryOperator<Map<String, Value>> payload = Selections.payload(r.hasWithPayload(), r.getWithPayload(), false);
    VectorSelection vectors = Selections.vectors(r.hasWithVectors(), r.getWithVectors());
    c.checkSelection(vectors);
    Stage root = new Stage(r.getPrefetchList(), r.hasQuery() ? r.getQuery() : null, r.hasUsing() ? r.getUsing() : "",
        r.hasFilter() ? r.getFilter() : null, r.hasParams() ? r.getParams() : null,
        r.hasScoreThreshold() ? r.getScoreThreshold() : null, limit + offset);
    return c.read(() -> page(c, execute(c, root, null), offset, limit, payload, vectors));
  }

  private static Stage stage(PrefetchQuery p) {
    if (p.hasLookupFrom()) {
      throw Errors.unimplemented("lookup_from");
    }
    long limit = p.hasLimit() ? p.getLimit() : DEFAULT_QUERY_LIMIT;
    return new Stage(p.getPrefetchList(), p.hasQuery() ? p.getQuery() : null, p.hasUsing() ? p.getUsing() : "",
        p.hasFilter() ? p.getFilter() : null, p.hasParams() ? p.getParams() : null,
        p.hasScoreThreshold() ? p.getScoreThreshold() : null, clamp(limit));
  }

  /**
   * Runs one stage: its prefetches first (each with this stage's filter added to its own, as
   * Qdrant propagates filters down), then its query over their union (rescoring, ordering) or
   * their fusion; without prefetches, its query over the whole collection.
   */
  private static List<Hit> execute(LocalCollection c, Stage s, Filter inherited) {
    Filter merged = merge(inherited, s.filter());
    PointPredicate filter = c.filter(merged);
    Query q = s.query();
    if (s.prefetch().isEmpty()) {
      if (q == null) {
        return listing(c, filter, s.limit());
      }
      return switch (q.getVariantCase()) {
        case NEAREST -> nearest(c, q.getNearest(), s, null, filter);
        case RECOMMEND -> recommend(c, q.getRecommend(), s, null, filter);
        case ORDER_BY -> orderBy(c, q.getOrderBy(), null, filter, s.limit());
        case FUSION, RRF -> throw Errors.invalid("Bad request: Fusion queries need prefetches to fuse");
        default -> throw unimplemented(q);
      };
    }
    if (q == null) {
      throw Errors.invalid("Bad request: A query is needed to merge the prefetches. Can't have prefetches"
          + " without defining a query.");
    }
    List<List<Hit>> results = new ArrayList<>();
    for (PrefetchQuery p : s.prefetch()) {
      results.add(execute(c, stage(p), merged));
    }
    return switch (q.getVariantCase()) {
      case FUSION -> switch (q.getFusion()) {
        case RRF -> cut(Fusion.rrf(results, Fusion.DEFAULT_RRF_K, List.of()), s);
        case DBSF -> cut(Fusion.dbsf(results), s);
        default -> throw Errors.invalid("Unknown fusion " + q.getFusionValue());
      };
      case RRF -> {
        if (q.getRrf().getWeightsCount() > 0 && q.getRrf().getWeightsCount() != results.size()) {
          throw Errors.invalid("Bad request: the number of RRF weights (" + q.getRrf().getWeightsCount()
              + ") must match the number of prefetches (" + results.size() + ")");
        }
        int k = q.getRrf().hasK() ? q.getRrf().getK() : Fusion.DEFAULT_RRF_K;
        yield cut(Fusion.rrf(results, k, q.getRrf().getWeightsList()), s);
      }
      case NEAREST -> nearest(c, q.getNearest(), s, candidates(results), filter);
      case RECOMMEND -> recommend(c, q.getRecommend(), s, candidates(results), filter);
      case ORDER_BY -> orderBy(c, q.getOrderBy(), candidates(results), filter, s.limit());
      default -> throw unimplemented(q);
    };
  }

  private static RuntimeException unimplemented(Query q) {
    return Errors.unimplemented("Query " + q.getVariantCase().name().toLowerCase(Locale.ROOT));
  }

  /** Both filters must hold (null when neither is given). */
  private static Filter merge(Filter a, Filter b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Filter.newBuilder().addMust(Condition.newBuilder().setFilter(a))
        .addMust(Condition.newBuilder().setFilter(b)).build();
  }

  /** The distinct slots of the prefetch results. */
  private static int[] candidates(List<List<Hit>> results) {
    java.util.LinkedHashSet<Integer> slots = new java.util.LinkedHashSet<>();
    for (List<Hit> list : results) {
      for (Hit h : list) {
        slots.add(h.slot());
      }
    }
    return slots.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A fused ranking cut to the stage's limit and score threshold (fused scores: larger is better). */
  private static List<Hit> cut(List<Hit> fused, Stage s) {
    List<Hit> out = new ArrayList<>();
    for (Hit h : fused) {
      if (out.size() == s.limit() || (s.threshold() != null && !(h.score() > s.threshold()))) {
        break;
      }
      out.add(h);
    }
    return out;
  }

  /** No query: points in id order, score 1 (Qdrant's query_scroll, since qdrant#7347). */
  private static List<Hit> listing(LocalCollection c, PointPredicate filter, int limit) {
    List<Hit> out = new ArrayList<>();
    for (int slot : c.slotsInIdOrder()) {
      if (out.size() == limit) {
        break;
      }
      if (filter.test(c.keyOf(slot), c.payload(slot))) {
        out.add(new Hit(slot, c.keyOf(slot), 1f));
      }
    }
    return out;
  }

  /**
   * Nearest to a vector given as values or as a point id (that point's vector of the same name;
   * the point itself is then left out of the answer, as Qdrant excludes the ids a query refers to).
   */
  private static List<Hit> nearest(LocalCollection c, VectorInput input, Stage s, int[] candidates,
      PointPredicate filter) {
    String using = s.using();
    if (input.getVariantCase() == VectorInput.VariantCase.ID) {
      PointKey referenced = PointKey.of(input.getId());
      filter = excluding(filter, Set.of(referenced));
    }
    if (c.isSparse(using)) {
      SparseVectors sv = c.sparseVectors(using);
      Sparse q = sv.prepare(sparseInput(c, sv, input));
      return c.rank(candidates, filter, slot -> sv.score(q, slot), s.limit(), s.threshold(), null);
    }
    DenseVectors d = c.denseVectors(using);
    float[] q = denseInput(c, d, input);
    if (candidates == null) {
      return nearestDense(c, d, q, filter, s.limit(), s.threshold(), s.params());
    }
    return c.rank(candidates, filter, slot -> d.similarity(q, slot), s.limit(), s.threshold(), d.distance());
  }

  private static PointPredicate excluding(PointPredicate filter, Set<PointKey> ids) {
    return (id, payload) -> !ids.contains(id) && filter.test(id, payload);
  }

  /** A dense query vector, prepared for the distance: given values, or a stored point's vector. */
  private static float[] denseInput(LocalCollection c, DenseVectors d, VectorInput input) {
    return switch (input.getVariantCase()) {
      case DENSE -> d.prepare(input.getDense().getDataList());
      case ID -> {
        float[] v = d.get(slotOf(c, input));
        if (v == null) {
          throw Errors.badInput("Point " + PointKey.of(input.getId()) + " has no vector `" + d.name() + "`");
        }
        yield v;
      }
      case SPARSE -> throw Errors.badInput("Vector `" + d.name() + "` is dense, the query is sparse");
      case MULTI_DENSE -> throw Errors.unimplemented("Multivectors");
      default -> throw Errors.unimplemented("Inference objects in queries (" + input.getVariantCase() + ")");
    };
  }

  private static Sparse sparseInput(LocalCollection c, SparseVectors sv, VectorInput input) {
    return switch (input.getVariantCase()) {
      case SPARSE -> Sparse.of(input.getSparse().getIndicesList(), input.getSparse().getValuesList());
      case ID -> {
        Sparse v = sv.get(slotOf(c, input));
        if (v == null) {
          throw Errors.badInput("Point " + PointKey.of(input.getId()) + " has no vector `" + sv.name() + "`");
        }
        yield v;
      }
      case DENSE -> throw Errors.badInput("Vector `" + sv.name() + "` is sparse, the query is dense");
      case MULTI_DENSE -> throw Errors.unimplemented("Multivectors");
      default -> throw Errors.unimplemented("Inference objects in queries (" + input.getVariantCase() + ")");
    };
  }

  private static int slotOf(LocalCollection c, VectorInput input) {
    PointKey key = PointKey.of(input.getId());
    Integer slot = c.slotOf(key);
    if (slot == null) {
      throw Errors.pointNotFound(key);
    }
    return slot;
  }

  /**
   * Recommend (dense vectors): average_vector searches for {@code avg(pos) + (avg(pos) - avg(neg))}
   * (just {@code avg(pos)} without negatives); best_score scores each point by its best
   * similarity to any example, {@code sigmoid(max_pos)} when a positive is closest and
   * {@code -sigmoid(max_neg)} otherwise, with sigmoid(x) = 0.5 * (x / (1 + |x|) + 1); sum_scores
   * by the similarities to positives minus those to negatives. Example points are left out.
   */
  private static List<Hit> recommend(LocalCollection c, RecommendInput input, Stage s, int[] candidates,
      PointPredicate filter) {
    if (c.isSparse(s.using())) {
      throw Errors.unimplemented("Recommend on sparse vectors");
    }
    DenseVectors d = c.denseVectors(s.using());
    Set<PointKey> examples = new HashSet<>();
    List<float[]> positives = new ArrayList<>();
    List<float[]> negatives = new ArrayList<>();
    for (VectorInput v : input.getPositiveList()) {
      positives.add(denseInput(c, d, v));
      if (v.getVariantCase() == VectorInput.VariantCase.ID) {
        examples.add(PointKey.of(v.getId()));
      }
    }
    for (VectorInput v : input.getNegativeList()) {
      negatives.add(denseInput(c, d, v));
      if (v.getVariantCase() == VectorInput.VariantCase.ID) {
        examples.add(PointKey.of(v.getId()));
      }
    }
    PointPredicate kept = excluding(filter, examples);
    RecommendStrategy strategy = input.hasStrategy() ? input.getStrategy() : RecommendStrategy.AverageVector;
    switch (strategy) {
      case AverageVector -> {
        if (positives.isEmpty()) {
          throw Errors.badInput("At least one positive vector is required for the average_vector strategy");
        }
        float[] avgPos = average(positives, d.dim());
        float[] q = avgPos;
        if (!negatives.isEmpty()) {
          float[] avgNeg = average(negatives, d.dim());
          q = new float[d.dim()];
          for (int i = 0; i < q.length; i++) {
            q[i] = avgPos[i] + avgPos[i] - avgNeg[i];
          }
        }
        float[] query = d.prepare(q);
        if (candidates == null) {
          return nearestDense(c, d, query, kept, s.limit(), s.threshold(), s.params());
        }
        return c.rank(candidates, kept, slot -> d.similarity(query, slot), s.limit(), s.threshold(), d.distance());
      }
      case BestScore -> {
        return c.rank(candidates, kept, slot -> {
          float[] v = d.get(slot);
          if (v == null) {
            return Float.NaN;
          }
          float maxPos = Float.NEGATIVE_INFINITY;
          for (float[] p : positives) {
            maxPos = Math.max(maxPos, VectorMath.similarity(d.distance(), p, v));
          }
          float maxNeg = Float.NEGATIVE_INFINITY;
          for (float[] n : negatives) {
            maxNeg = Math.max(maxNeg, VectorMath.similarity(d.distance(), n, v));
          }
          return maxPos > maxNeg ? scaledSigmoid(maxPos) : -scaledSigmoid(maxNeg);
        }, s.limit(), s.threshold(), null);
      }
      case SumScores -> {
        return c.rank(candidates, kept, slot -> {
          float[] v = d.get(slot);
          if (v == null) {
            return Float.NaN;
          }
          float sum = 0;
          for (float[] p : positives) {
            sum += VectorMath.similarity(d.distance(), p, v);
          }
          for (float[] n : negatives) {
            sum -= VectorMath.similarity(d.distance(), n, v);
          }
          return sum;
        }, s.limit(), s.threshold(), null);
      }
      default -> throw Errors.invalid("Unknown recommend strategy " + input.getStrategyValue());
    }
  }

  private static float scaledSigmoid(float x) {
    return 0.5f * (x / (1 + Math.abs(x)) + 1);
  }

  private static float[] average(List<float[]> vectors, int dim) {
    float[] sum = new float[dim];
    for (float[] v : vectors) {
      for (int i = 0; i < dim; i++) {
        sum[i] += v[i];
      }
    }
    for (int i = 0; i < dim; i++) {
      sum[i] /= vectors.size();
    }
    return sum;
  }

  /**
   * order_by: points by a payload value, which needs a range-capable payload index on the key
   * (integer or float), like Qdrant; ascending by default; {@code start_from} keeps values at or
   * past it; a point with several values is placed by its first in that order; points without a
   * value are left out; ties by id. The score is 0 and the value is the answer's order_value.
   */
  private static List<Hit> orderBy(LocalCollection c, OrderBy orderBy, int[] candidates, PointPredicate filter,
      int limit) {
    LocalCollection.FieldIndex index = c.indexesUnlocked().get(orderBy.getKey());
    if (index == null || !(index.type() == PayloadSchemaType.Integer || index.type() == PayloadSchemaType.Float
        || index.type() == PayloadSchemaType.Datetime)) {
      throw Errors.invalid("Bad request: No range index for `order_by` key: `" + orderBy.getKey() + "`. Please"
          + " create one to use `order_by`. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index"
          + " to see which payload schemas support Range conditions");
    }
    if (index.type() == PayloadSchemaType.Datetime) {
      throw Errors.unimplemented("order_by on a datetime index");
    }
    boolean integer = index.type() == PayloadSchemaType.Integer;
    boolean desc = orderBy.hasDirection() && orderBy.getDirection() == Direction.Desc;
    Double start = null;
    if (orderBy.hasStartFrom()) {
      start = switch (orderBy.getStartFrom().getValueCase()) {
        case FLOAT -> orderBy.getStartFrom().getFloat();
        case INTEGER -> (double) orderBy.getStartFrom().getInteger();
        default -> throw Errors.unimplemented("order_by start_from with a datetime");
      };
    }
    JsonPath path = JsonPath.parse(orderBy.getKey());
    record Ordered(Hit hit, double value) {}
    List<Ordered> ordered = new ArrayList<>();
    Iterable<Integer> slots = candidates == null ? c.slotsInIdOrder()
        : java.util.Arrays.stream(candidates).boxed().toList();
    for (int slot : slots) {
      PointKey key = c.keyOf(slot);
      Map<String, Value> payload = c.payload(slot);
      if (!filter.test(key, payload)) {
        continue;
      }
      Double best = null;
      for (Value v : flatten(path.get(payload))) {
        Double x = integer ? (v.hasIntegerValue() ? (double) v.getIntegerValue() : null)
            : (v.hasIntegerValue() ? (double) v.getIntegerValue() : v.hasDoubleValue() ? v.getDoubleValue() : null);
        if (x == null || (start != null && (desc ? x > start : x < start))) {
          continue;
        }
        if (best == null || (desc ? x > best : x < best)) {
          best = x;
        }
      }
      if (best != null) {
        OrderValue value = integer ? OrderValue.newBuilder().setInt((long) (double) best).build()
            : OrderValue.newBuilder().setFloat(best).build();
        ordered.add(new Ordered(new Hit(slot, key, 1f, value), best));
      }
    }
    Comparator<Ordered> byValue = Comparator.comparingDouble(Ordered::value);
    ordered.sort((desc ? byValue.reversed() : byValue).thenComparing(o -> o.hit().key()));
    List<Hit> out = new ArrayList<>();
    for (int i = 0; i < ordered.size() && i < limit; i++) {
      out.add(ordered.get(i).hit());
    }
    return out;
  }

  private static List<Value> flatten(List<Value> values) {
    List<Value> out = new ArrayList<>();
    for (Value v : values) {
      if (v.hasListValue()) {
        out.addAll(v.getListValue().getValuesList());
      } else {
        out.add(v);
      }
    }
    return out;
  }

  /** Nearest neighbours by a dense vector over the whole collection (exact or HNSW, see LocalCollection). */
  static List<Hit> nearestDense(LocalCollection c, DenseVectors d, float[] prepared, PointPredicate filter, int top,
      Float threshold, SearchParams params) {
    return c.nearestDense(d, prepared, filter, top, threshold, params);
  }

  /** Skips {@code offset}, keeps {@code limit}, and builds the answers. */
  private static List<ScoredPoint> page(LocalCollection c, List<Hit> hits, int offset, int limit,
      UnaryOperator<Map<String, Value>> payload, VectorSelection vectors) {
    List<ScoredPoint> out = new ArrayList<>();
    for (int i = offset; i < hits.size() && out.size() < limit; i++) {
      out.add(c.scored(hits.get(i), payload, vectors));
    }
    return out;
  }

  static int clamp(long value) {
    return (int) Math.min(Integer.MAX_VALUE / 2, value);
  }
}
