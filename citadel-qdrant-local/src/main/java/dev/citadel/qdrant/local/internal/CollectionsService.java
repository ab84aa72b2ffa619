package dev.citadel.qdrant.local.internal;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.CollectionsGrpc;

/**
 * The {@code qdrant.Collections} service: Get, List, Create, Delete, CollectionExists. Every other
 * RPC of the service (Update, aliases, cluster, shard keys) answers UNIMPLEMENTED.
 */
public final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {
  private final LocalStore store;

  public CollectionsService(LocalStore store) {
    this.store = store;
  }

  @Override
  public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> GetCollectionInfoResponse.newBuilder()
        .setResult(store.require(request.getCollectionName()).info()).setTime(Rpc.seconds(start)).build());
  }

  @Override
  public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> {
      ListCollectionsResponse.Builder b = ListCollectionsResponse.newBuilder();
      store.names().forEach(n -> b.addCollections(CollectionDescription.newBuilder().setName(n)));
      return b.setTime(Rpc.seconds(start)).build();
    });
  }

  @Override
  public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> CollectionOperationResponse.newBuilder()
        .setResult(store.createCollection(request)).setTime(Rpc.seconds(start)).build());
  }

  @Override
  public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> CollectionOperationResponse.newBuilder()
        .setResult(store.deleteCollection(request.getCollectionName())).setTime(Rpc.seconds(start)).build());
  }

  @Override
  public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> observer) {
    long start = System.nanoTime();
    Rpc.unary(observer, () -> CollectionExistsResponse.newBuilder()
        .setResult(CollectionExists.newBuilder().setExists(store.exists(request.getCollectionName())))
        .setTime(Rpc.seconds(start)).build());
  }
}
