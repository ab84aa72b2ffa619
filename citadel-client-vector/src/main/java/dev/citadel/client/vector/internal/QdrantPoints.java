package dev.citadel.client.vector.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.ScrollPage;
import dev.citadel.client.vector.StoredPoint;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorPoint;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Points: batch upserts (every vector checked before the first request), deletes by id or
 * filter, get, exact count, scroll and a page-by-page visit. All but the upsert's size check are
 * single idempotent calls under the backend's policy. Thread-safe.
 */
public final class QdrantPoints {
  /** Points per page when {@link #forEach} walks a collection. */
  private static final int VISIT_PAGE = 256;

  private final QdrantBackend backend;
  private final KnownCollections known;

  /**
   * @param known the collection states sizes are checked against (see
   *     {@link QdrantCollections#known()})
   */
  public QdrantPoints(QdrantBackend backend, KnownCollections known) {
    this.backend = backend;
    this.known = known;
  }

  /**
   * Upserts in requests of {@code qdrant.upsert.batch_size}, at most
   * {@code qdrant.upsert.parallelism} in flight; every vector is checked (values, then size) before
   * the first is sent. Completes with the number of points written.
   */
  public CompletableFuture<Long> upsert(String collection, List<VectorPoint> points) {
    return backend.timed("upsert", () -> {
      List<KnownCollections.Size> sizes = new java.util.ArrayList<>();
      for (VectorPoint p : points) {
        if (p.vector() != null) {
          VectorChecks.values(collection, p.vector(), "point " + p.id());
          sizes.add(new KnownCollections.Size(null, p.vector().length));
        }
        p.namedVectors().forEach((name, v) -> {
          VectorChecks.values(collection, v, "point " + p.id() + " (vector '" + name + "')");
          sizes.add(new KnownCollections.Size(name, v.length));
        });
      }
      if (points.isEmpty()) {
        return CompletableFuture.completedFuture(0L);
      }
      return known.checkSizes(collection, sizes).thenCompose(ok -> BoundedBatches.send(points,
          backend.config().upsertBatchSize(), backend.config().upsertParallelism(),
          batch -> upsertBatch(collection, batch))
          .handle((written, e) -> {
            if (e != null) {
              throw known.staleAware(collection, e);
            }
            return written;
          }));
    });
  }

  private CompletableFuture<?> upsertBatch(String collection, List<VectorPoint> batch) {
    UpsertPoints.Builder builder = UpsertPoints.newBuilder().setCollectionName(collection).setWait(true);
    for (VectorPoint p : batch) {
      builder.addPoints(PointStruct.newBuilder().setId(PointIds.toQdrant(p.id()))
          .setVectors(DenseVectors.toQdrant(p)).putAllPayload(Payloads.toValues(p.payload())));
    }
    UpsertPoints request = builder.build();
    long started = System.nanoTime();
    return backend.call(true, collection, () -> backend.points().upsert(request))
        .whenComplete((r, e) -> backend.record("upsert_batch", System.nanoTime() - started, e == null));
  }

  /** Deletes points by id; ids that do not exist are ignored. */
  public CompletableFuture<Void> delete(String collection, Collection<PointId> ids) {
    PointsIdsList.Builder list = PointsIdsList.newBuilder();
    ids.forEach(id -> list.addIds(PointIds.toQdrant(id)));
    return deletePoints(collection, PointsSelector.newBuilder().setPoints(list).build());
  }

  /**
   * Deletes every point matching {@code filter}; an empty filter fails with
   * {@link InvalidArgumentException} (it would delete every point) and sends nothing.
   */
  public CompletableFuture<Void> deleteMatching(String collection, VectorFilter filter) {
    Filter f = Filters.toQdrant(filter);
    if (f == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("filter",
          "must not be empty: deleting by an empty filter would delete every point of '" + collection + "'"));
    }
    return deletePoints(collection, PointsSelector.newBuilder().setFilter(f).build());
  }

  private CompletableFuture<Void> deletePoints(String collection, PointsSelector selector) {
    DeletePoints request = DeletePoints.newBuilder().setCollectionName(collection).setWait(true)
        .setPoints(selector).build();
    return backend.timed("delete", () -> backend.call(true, collection, () -> backend.points().delete(request))
        .thenApply(r -> null));
  }

  /** The points with these ids that exist, in the order asked, with payloads. */
  public CompletableFuture<List<StoredPoint>> get(String collection, Collection<PointId> ids, boolean withVectors) {
    GetPoints.Builder request = GetPoints.newBuilder().setCollectionName(collection)
        .setWithPayload(WithPayloadSelector.newBuilder().setEnable(true))
        .setWithVectors(WithVectorsSelector.newBuilder().setEnable(withVectors));
    ids.forEach(id -> request.addIds(PointIds.toQdrant(id)));
    return backend.timed("get", () -> backend.call(true, collection, () -> backend.points().get(request.build()))
        .thenApply(r -> r.getResultList().stream().map(QdrantPoints::stored).toList()));
  }

  private static StoredPoint stored(RetrievedPoint p) {
    return new StoredPoint(PointIds.fromQdrant(p.getId()), Payloads.toJava(p.getPayloadMap()),
        p.hasVectors() ? DenseVectors.fromQdrant(p.getVectors()) : null);
  }

  /** Exact count of points matching {@code filter}. */
  public CompletableFuture<Long> count(String collection, VectorFilter filter) {
    CountPoints.Builder request = CountPoints.newBuilder().setCollectionName(collection).setExact(true);
    Filter f = Filters.toQdrant(filter);
    if (f != null) {
      request.setFilter(f);
    }
    return backend.timed("count", () -> backend.call(true, collection, () -> backend.points().count(request.build()))
        .thenApply(r -> r.getResult().getCount()));
  }

  /**
   * One page of points in id order with payloads, starting at {@code offset} (null for the
   * first); a {@code limit} below 1 fails with {@link InvalidArgumentException}.
   */
  public CompletableFuture<ScrollPage> scroll(String collection, VectorFilter filter, PointId offset, int limit,
      boolean withVectors) {
    if (limit < 1) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("limit", "must be at least 1, was " + limit));
    }
    ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(collection).setLimit(limit)
        .setWithPayload(WithPayloadSelector.newBuilder().setEnable(true))
        .setWithVectors(WithVectorsSelector.newBuilder().setEnable(withVectors));
    Filter f = Filters.toQdrant(filter);
    if (f != null) {
      request.setFilter(f);
    }
    if (offset != null) {
      request.setOffset(PointIds.toQdrant(offset));
    }
    return backend.timed("scroll", () -> backend.call(true, collection, () -> backend.points().scroll(request.build()))
        .thenApply(r -> new ScrollPage(r.getResultList().stream().map(QdrantPoints::stored).toList(),
            r.hasNextPageOffset() ? PointIds.fromQdrant(r.getNextPageOffset()) : null)));
  }

  /** Visits every point matching {@code filter}, page by page, in id order. */
  public CompletableFuture<Void> forEach(String collection, VectorFilter filter, boolean withVectors,
      Consumer<StoredPoint> visitor) {
    return forEachFrom(collection, filter, withVectors, visitor, null);
  }

  private CompletableFuture<Void> forEachFrom(String collection, VectorFilter filter, boolean withVectors,
      Consumer<StoredPoint> visitor, PointId offset) {
    return scroll(collection, filter, offset, VISIT_PAGE, withVectors).thenCompose(page -> {
      page.points().forEach(visitor);
      return page.nextOffset() == null ? CompletableFuture.<Void>completedFuture(null)
          : forEachFrom(collection, filter, withVectors, visitor, page.nextOffset());
    });
  }
}
