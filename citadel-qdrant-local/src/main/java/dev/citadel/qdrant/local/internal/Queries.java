package dev.citadel.qdrant.local.internal;

import dev.citadel.qdrant.local.internal.LocalCollection.Hit;
import dev.citadel.qdrant.local.internal.LocalCollection.VectorSelection;
import dev.citadel.qdrant.local.internal.SparseVectors.Sparse;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchParams;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.VectorInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  static List<ScoredPoint> query(LocalCollection c, QueryPoints r) {
    if (r.hasLookupFrom() || r.hasShardKeySelector()) {
      throw Errors.unimplemented("lookup_from and shard key selectors");
    }
    if (r.getPrefetchCount() > 0) {
      throw Errors.unimplemented("Query prefetch (hybrid and multi-stage queries)");
    }
    if (!r.hasQuery()) {
      throw Errors.unimplemented("Query without a query (plain listing)");
    }
    long requested = r.hasLimit() ? r.getLimit() : DEFAULT_QUERY_LIMIT;
    if (requested < 1) {
      throw Errors.invalid("Validation error in body: [limit: value 0 invalid, must be 1 or larger]");
    }
    int limit = clamp(requested);
    int offset = clamp(r.getOffset());
    String using = r.hasUsing() ? r.getUsing() : "";
    PointPredicate filter = c.filter(r.hasFilter() ? r.getFilter() : null);
    UnaryOperator<Map<String, Value>> payload = Selections.payload(r.hasWithPayload(), r.getWithPayload(), false);
    VectorSelection vectors = Selections.vectors(r.hasWithVectors(), r.getWithVectors());
    c.checkSelection(vectors);
    Float threshold = r.hasScoreThreshold() ? r.getScoreThreshold() : null;
    SearchParams params = r.hasParams() ? r.getParams() : null;
    Query q = r.getQuery();
    if (q.getVariantCase() != Query.VariantCase.NEAREST) {
      throw Errors.unimplemented("Query " + q.getVariantCase().name().toLowerCase(Locale.ROOT));
    }
    VectorInput input = q.getNearest();
    return c.read(() -> {
      List<Hit> hits = switch (input.getVariantCase()) {
        case DENSE -> {
          DenseVectors d = c.denseVectors(using);
          yield nearestDense(c, d, d.prepare(input.getDense().getDataList()), filter, limit + offset, threshold, params);
        }
        case SPARSE -> {
          SparseVectors s = c.sparseVectors(using);
          Sparse sq = s.prepare(Sparse.of(input.getSparse().getIndicesList(), input.getSparse().getValuesList()));
          yield c.rank(null, filter, slot -> s.score(sq, slot), limit + offset, threshold, null);
        }
        default -> throw Errors.unimplemented("Nearest query by "
            + input.getVariantCase().name().toLowerCase(Locale.ROOT));
      };
      return page(c, hits, offset, limit, payload, vectors);
    });
  }

  /** Nearest neighbours by a dense vector over the whole collection: exact. */
  static List<Hit> nearestDense(LocalCollection c, DenseVectors d, float[] prepared, PointPredicate filter, int top,
      Float threshold, SearchParams params) {
    return c.rank(null, filter, slot -> d.similarity(prepared, slot), top, threshold, d.distance());
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
