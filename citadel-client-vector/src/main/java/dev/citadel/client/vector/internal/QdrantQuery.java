package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.Prefetch;
import dev.citadel.client.vector.Query;
import dev.citadel.client.vector.QueryRequest;
import dev.citadel.client.vector.SearchHit;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RecommendInput;
import io.qdrant.client.grpc.Points.RecommendStrategy;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Qdrant's Query API: prefetches, nearest (dense, sparse, by point id), recommend, fusion,
 * order by, plain listing. Every dense query vector is checked (values, then size against the
 * collection's known state for the vector it uses) before the request is sent; the query itself
 * is one idempotent call. Thread-safe.
 */
public final class QdrantQuery {
  private final QdrantBackend backend;
  private final KnownCollections known;

  public QdrantQuery(QdrantBackend backend, KnownCollections known) {
    this.backend = backend;
    this.known = known;
  }

  /** The points {@code request} ranks, best first. */
  public CompletableFuture<List<SearchHit>> query(String collection, QueryRequest request) {
    return backend.timed("query", () -> {
      List<KnownCollections.Size> sizes = new ArrayList<>();
      collectSizes(collection, request.query(), request.using(), sizes);
      for (Prefetch p : request.prefetch()) {
        collectSizes(collection, p, sizes);
      }
      return known.checkSizes(collection, sizes).thenCompose(ok -> {
        QueryPoints built = queryRequest(collection, request);
        return backend.call(true, collection, () -> backend.points().query(built)).handle((r, e) -> {
          if (e != null) {
            throw known.staleAware(collection, e);
          }
          return r.getResultList().stream().map(QdrantQuery::hit).toList();
        });
      });
    });
  }

  private static void collectSizes(String collection, Prefetch p, List<KnownCollections.Size> sizes) {
    collectSizes(collection, p.query(), p.using(), sizes);
    for (Prefetch nested : p.prefetch()) {
      collectSizes(collection, nested, sizes);
    }
  }

  private static void collectSizes(String collection, Query q, String using, List<KnownCollections.Size> sizes) {
    if (q instanceof Query.Nearest n) {
      VectorChecks.values(collection, n.vector(), "the query" + (using == null ? "" : " (vector '" + using + "')"));
      sizes.add(new KnownCollections.Size(using, n.vector().length));
    }
  }

  /** The protocol request for {@code request}. */
  static QueryPoints queryRequest(String collection, QueryRequest request) {
    QueryPoints.Builder b = QueryPoints.newBuilder().setCollectionName(collection).setLimit(request.limit())
        .setOffset(request.offset())
        .setWithPayload(WithPayloadSelector.newBuilder().setEnable(request.withPayload()))
        .setWithVectors(WithVectorsSelector.newBuilder().setEnable(request.withVector()));
    if (request.query() != null) {
      b.setQuery(query(request.query()));
    }
    if (request.using() != null) {
      b.setUsing(request.using());
    }
    for (Prefetch p : request.prefetch()) {
      b.addPrefetch(prefetch(p));
    }
    Filter f = Filters.toQdrant(request.filter());
    if (f != null) {
      b.setFilter(f);
    }
    if (request.scoreThreshold() != null) {
      b.setScoreThreshold(request.scoreThreshold());
    }
    return b.build();
  }

  private static PrefetchQuery prefetch(Prefetch p) {
    PrefetchQuery.Builder b = PrefetchQuery.newBuilder().setLimit(p.limit());
    if (p.query() != null) {
      b.setQuery(query(p.query()));
    }
    if (p.using() != null) {
      b.setUsing(p.using());
    }
    Filter f = Filters.toQdrant(p.filter());
    if (f != null) {
      b.setFilter(f);
    }
    if (p.scoreThreshold() != null) {
      b.setScoreThreshold(p.scoreThreshold());
    }
    for (Prefetch nested : p.prefetch()) {
      b.addPrefetch(prefetch(nested));
    }
    return b.build();
  }

  private static io.qdrant.client.grpc.Points.Query query(Query q) {
    io.qdrant.client.grpc.Points.Query.Builder b = io.qdrant.client.grpc.Points.Query.newBuilder();
    if (q instanceof Query.Nearest n) {
      b.setNearest(VectorInput.newBuilder().setDense(DenseVectors.dense(n.vector())));
    } else if (q instanceof Query.NearestSparse s) {
      b.setNearest(VectorInput.newBuilder().setSparse(DenseVectors.sparse(s.vector())));
    } else if (q instanceof Query.NearestTo t) {
      b.setNearest(VectorInput.newBuilder().setId(PointIds.toQdrant(t.id())));
    } else if (q instanceof Query.Recommend r) {
      RecommendInput.Builder rec = RecommendInput.newBuilder().setStrategy(switch (r.strategy()) {
        case AVERAGE_VECTOR -> RecommendStrategy.AverageVector;
        case BEST_SCORE -> RecommendStrategy.BestScore;
        case SUM_SCORES -> RecommendStrategy.SumScores;
      });
      r.positive().forEach(id -> rec.addPositive(VectorInput.newBuilder().setId(PointIds.toQdrant(id))));
      r.negative().forEach(id -> rec.addNegative(VectorInput.newBuilder().setId(PointIds.toQdrant(id))));
      b.setRecommend(rec);
    } else if (q instanceof Query.Fuse f) {
      b.setFusion(switch (f.fusion()) {
        case RRF -> io.qdrant.client.grpc.Points.Fusion.RRF;
        case DBSF -> io.qdrant.client.grpc.Points.Fusion.DBSF;
      });
    } else if (q instanceof Query.OrderBy o) {
      b.setOrderBy(OrderBy.newBuilder().setKey(o.key()).setDirection(o.descending() ? Direction.Desc : Direction.Asc));
    } else {
      throw new IllegalStateException("unknown query " + q);
    }
    return b.build();
  }

  private static SearchHit hit(ScoredPoint p) {
    return new SearchHit(PointIds.fromQdrant(p.getId()), p.getScore(), Payloads.toJava(p.getPayloadMap()),
        p.hasVectors() ? DenseVectors.fromQdrant(p.getVectors()) : null);
  }
}
