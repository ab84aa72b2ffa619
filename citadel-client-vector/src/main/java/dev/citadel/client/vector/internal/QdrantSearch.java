package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Top-k search. The query vector is checked (values, then size against the collection's known
 * state) before the request is sent; the search itself is one idempotent call. Thread-safe.
 */
public final class QdrantSearch {
  private final QdrantBackend backend;
  private final KnownCollections known;

  /**
   * @param known the collection states query sizes are checked against (see
   *     {@link QdrantCollections#known()})
   */
  public QdrantSearch(QdrantBackend backend, KnownCollections known) {
    this.backend = backend;
    this.known = known;
  }

  /** The nearest points to {@code request}'s vector, best first. */
  public CompletableFuture<List<SearchHit>> search(String collection, SearchRequest request) {
    return backend.timed("search", () -> {
      float[] query = request.vector();
      VectorChecks.values(collection, query, "the search query");
      return known.checkSizes(collection, List.of(new KnownCollections.Size(request.using(), query.length)))
          .thenCompose(ok -> {
        SearchPoints built = searchRequest(collection, request);
        return backend.call(true, collection, () -> backend.points().search(built)).handle((r, e) -> {
          if (e != null) {
            throw known.staleAware(collection, e);
          }
          return r.getResultList().stream().map(QdrantSearch::hit).toList();
        });
      });
    });
  }

  /** The protocol request for {@code request}: its vector, limit, offset, filter, threshold and beam. */
  static SearchPoints searchRequest(String collection, SearchRequest request) {
    SearchPoints.Builder b = SearchPoints.newBuilder().setCollectionName(collection).setLimit(request.limit())
        .setOffset(request.offset())
        .setWithPayload(WithPayloadSelector.newBuilder().setEnable(request.withPayload()))
        .setWithVectors(WithVectorsSelector.newBuilder().setEnable(request.withVector()));
    for (float f : request.vector()) {
      b.addVector(f);
    }
    Filter f = Filters.toQdrant(request.filter());
    if (f != null) {
      b.setFilter(f);
    }
    if (request.using() != null) {
      b.setVectorName(request.using());
    }
    if (request.scoreThreshold() != null) {
      b.setScoreThreshold(request.scoreThreshold());
    }
    if (request.hnswEf() != null) {
      b.setParams(io.qdrant.client.grpc.Points.SearchParams.newBuilder().setHnswEf(request.hnswEf()));
    }
    return b.build();
  }

  private static SearchHit hit(ScoredPoint p) {
    return new SearchHit(PointIds.fromQdrant(p.getId()), p.getScore(), Payloads.toJava(p.getPayloadMap()),
        p.hasVectors() ? DenseVectors.fromQdrant(p.getVectors()) : null);
  }
}
