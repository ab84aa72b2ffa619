package dev.citadel.qdrant.local.internal;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.ClearPayloadPoints;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeleteFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePayloadPoints;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.QueryBatchPoints;
import io.qdrant.client.grpc.Points.QueryBatchResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchBatchPoints;
import io.qdrant.client.grpc.Points.SearchBatchResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.SearchResponse;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The {@code qdrant.Points} service: Upsert, Delete, Get, SetPayload, OverwritePayload,
 * DeletePayload, ClearPayload, CreateFieldIndex, DeleteFieldIndex, Search, SearchBatch, Scroll,
 * Count, Query (nearest to a dense vector) and QueryBatch. Every other RPC (recommend, discover,
 * groups, facets, matrix, vector updates, UpdateBatch) answers UNIMPLEMENTED.
 */
public final class PointsService extends PointsGrpc.PointsImplBase {
  private static final int DEFAULT_SCROLL_LIMIT = 10;

  private final LocalStore store;

  public PointsService(LocalStore store) {
    this.store = store;
  }

  private static void update(StreamObserver<PointsOperationResponse> observer, boolean wait, LongSupplier op) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> {
      long id = op.getAsLong();
      return PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder().setOperationId(id)
          .setStatus(wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged)).setTime(Rpc.seconds(start)).build();
    });
  }

  @Override
  public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
    update(observer, request.getWait(), () -> store.upsert(request));
  }

  @Override
  public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
    update(observer, request.getWait(), () -> store.delete(request));
  }

  @Override
  public void setPayload(SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
    update(observer, request.getWait(), () -> store.setPayload(request));
  }

  @Override
  public void overwritePayload(SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
    update(observer, request.getWait(), () -> store.overwritePayload(request));
  }

  @Override
  public void deletePayload(DeletePayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
    update(observer, request.getWait(), () -> store.deletePayload(request));
  }

  @Override
  public void clearPayload(ClearPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
    update(observer, request.getWait(), () -> store.clearPayload(request));
  }

  @Override
  public void createFieldIndex(CreateFieldIndexCollection request, StreamObserver<PointsOperationResponse> observer) {
    update(observer, request.getWait(), () -> store.createFieldIndex(request));
  }

  @Override
  public void deleteFieldIndex(DeleteFieldIndexCollection request, StreamObserver<PointsOperationResponse> observer) {
    update(observer, request.getWait(), () -> store.deleteFieldIndex(request));
  }

  @Override
  public void get(GetPoints request, StreamObserver<GetResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> {
      if (request.hasShardKeySelector()) {
        throw Errors.unimplemented("Shard key selectors");
      }
      LocalCollection c = store.require(request.getCollectionName());
      return GetResponse.newBuilder()
          .addAllResult(c.get(request.getIdsList(),
              Selections.payload(request.hasWithPayload(), request.getWithPayload(), false),
              Selections.vectors(request.hasWithVectors(), request.getWithVectors())))
          .setTime(Rpc.seconds(start)).build();
    });
  }

  @Override
  public void search(SearchPoints request, StreamObserver<SearchResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> SearchResponse.newBuilder().addAllResult(search(request))
        .setTime(Rpc.seconds(start)).build());
  }

  @Override
  public void searchBatch(SearchBatchPoints request, StreamObserver<SearchBatchResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> SearchBatchResponse.newBuilder()
        .addAllResult(batch(request.getSearchPointsList(),
            s -> search(s.toBuilder().setCollectionName(request.getCollectionName()).build())))
        .setTime(Rpc.seconds(start)).build());
  }

  private List<ScoredPoint> search(SearchPoints request) {
    return Queries.search(store.require(request.getCollectionName()), request);
  }

  @Override
  public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> {
      if (request.hasOrderBy()) {
        throw Errors.unimplemented("Scroll with order_by");
      }
      if (request.hasShardKeySelector()) {
        throw Errors.unimplemented("Shard key selectors");
      }
      int limit = request.hasLimit() ? request.getLimit() : DEFAULT_SCROLL_LIMIT;
      if (limit == 0) {
        throw Errors.invalid("Bad request: Limit cannot be 0");
      }
      LocalCollection c = store.require(request.getCollectionName());
      LocalCollection.Page page = c.scroll(request.hasOffset() ? PointKey.of(request.getOffset()) : null, limit,
          c.filter(request.hasFilter() ? request.getFilter() : null),
          Selections.payload(request.hasWithPayload(), request.getWithPayload(), true),
          Selections.vectors(request.hasWithVectors(), request.getWithVectors()));
      ScrollResponse.Builder b = ScrollResponse.newBuilder().addAllResult(page.points());
      if (page.next() != null) {
        b.setNextPageOffset(page.next().toProto());
      }
      return b.setTime(Rpc.seconds(start)).build();
    });
  }

  @Override
  public void count(CountPoints request, StreamObserver<CountResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> {
      if (request.hasShardKeySelector()) {
        throw Errors.unimplemented("Shard key selectors");
      }
      LocalCollection c = store.require(request.getCollectionName());
      long n = c.count(c.filter(request.hasFilter() ? request.getFilter() : null));
      return CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(n))
          .setTime(Rpc.seconds(start)).build();
    });
  }

  @Override
  public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> QueryResponse.newBuilder().addAllResult(query(request))
        .setTime(Rpc.seconds(start)).build());
  }

  @Override
  public void queryBatch(QueryBatchPoints request, StreamObserver<QueryBatchResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> QueryBatchResponse.newBuilder()
        .addAllResult(batch(request.getQueryPointsList(),
            q -> query(q.toBuilder().setCollectionName(request.getCollectionName()).build())))
        .setTime(Rpc.seconds(start)).build());
  }

  /** One result per request of a batch, in order (a batch's collection name overrides its requests'). */
  private static <R> List<BatchResult> batch(List<R> requests, Function<R, List<ScoredPoint>> run) {
    List<BatchResult> results = new ArrayList<>(requests.size());
    for (R request : requests) {
      results.add(BatchResult.newBuilder().addAllResult(run.apply(request)).build());
    }
    return results;
  }

  private List<ScoredPoint> query(QueryPoints request) {
    return Queries.query(store.require(request.getCollectionName()), request);
  }
}
