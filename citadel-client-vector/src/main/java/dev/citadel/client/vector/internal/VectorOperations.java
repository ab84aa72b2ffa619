package dev.citadel.client.vector.internal;

import com.google.common.util.concurrent.ListenableFuture;
import dev.citadel.client.ConfigException;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.spi.ResiliencePolicy;
import dev.citadel.client.vector.CollectionNotFoundException;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionSpecConflictException;
import dev.citadel.client.vector.CollectionState;
import dev.citadel.client.vector.DimensionMismatchException;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.ScrollPage;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import dev.citadel.client.vector.StoredPoint;
import dev.citadel.client.vector.VectorException;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.client.vector.VectorRequestException;
import dev.citadel.client.vector.config.QdrantConfig;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Qdrant operation of the helpers, asynchronous, over the gRPC stubs of the official
 * client: a deadline on each call ({@code qdrant.call_timeout}), the shared resilience policy
 * (idempotent calls retried on UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED), checks before
 * sending (empty, NaN or wrongly sized vectors), typed errors, metrics. The blocking API waits on
 * these futures. Thread-safe; owns its channel.
 */
public final class VectorOperations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VectorOperations.class);
  /** The backend name in messages, metrics and health. */
  public static final String BACKEND = "qdrant";
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  private static final int SCROLL_PAGE = 256;

  private static final Map<PayloadFieldType, FieldType> FIELD_TYPES = new EnumMap<>(Map.of(
      PayloadFieldType.KEYWORD, FieldType.FieldTypeKeyword, PayloadFieldType.INTEGER, FieldType.FieldTypeInteger,
      PayloadFieldType.FLOAT, FieldType.FieldTypeFloat, PayloadFieldType.BOOL, FieldType.FieldTypeBool,
      PayloadFieldType.DATETIME, FieldType.FieldTypeDatetime, PayloadFieldType.TEXT, FieldType.FieldTypeText,
      PayloadFieldType.UUID, FieldType.FieldTypeUuid));

  private final String clientName;
  private final QdrantConfig config;
  private final CitadelMetrics metrics;
  private final ManagedChannel channel;
  private final QdrantGrpcClient grpc;
  private final QdrantClient raw;
  private final ResiliencePolicy policy;
  private final AutoCloseable breakerGauge;
  private final long deadlineMillis;
  private final Map<String, CollectionState> known = new ConcurrentHashMap<>();
  private final Map<String, CollectionSpec> ensured = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private VectorOperations(String clientName, QdrantConfig config, ResilienceConfig resilience,
      CitadelMetrics metrics) {
    this.clientName = clientName;
    this.config = config;
    this.metrics = metrics;
    this.channel = NettyChannelBuilder.forAddress(config.host(), config.port(), credentials(config))
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .userAgent("citadel-client/" + clientName)
        .build();
    QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(channel, true, false);
    if (!config.apiKey().isEmpty()) {
      builder.withApiKey(config.apiKey().reveal());
    }
    this.grpc = builder.build();
    this.raw = new QdrantClient(grpc);
    this.policy = ResiliencePolicy.create(BACKEND, resilience, QdrantFailures.INSTANCE);
    this.breakerGauge = metrics.registerBreaker(clientName, BACKEND, policy::breakerState);
    this.deadlineMillis = config.callTimeout().toMillis();
  }

  /**
   * Operations on the Qdrant of {@code config}; opens no connection until the first call.
   *
   * @throws ConfigException when the TLS CA file cannot be read
   */
  public static VectorOperations connect(String clientName, QdrantConfig config, ResilienceConfig resilience,
      CitadelMetrics metrics) {
    return new VectorOperations(clientName, config, resilience, metrics);
  }

  private static ChannelCredentials credentials(QdrantConfig config) {
    if (!config.tls().enabled()) {
      return InsecureChannelCredentials.create();
    }
    if (config.tls().caFile() == null) {
      return TlsChannelCredentials.create();
    }
    try {
      return TlsChannelCredentials.newBuilder().trustManager(new File(config.tls().caFile())).build();
    } catch (IOException e) {
      throw new ConfigException("qdrant.tls.ca_file", "cannot read " + config.tls().caFile() + ": " + e.getMessage());
    }
  }

  /** The official client on this connection, for what the helpers do not cover. Do not close it. */
  public QdrantClient rawClient() {
    return raw;
  }

  /** The breaker's state. */
  public BreakerState breakerState() {
    return policy.breakerState();
  }

  // ------------------------------------------------------------------ plumbing

  private <T> CompletableFuture<T> call(boolean idempotent, String collection, Supplier<ListenableFuture<T>> rpc) {
    return policy.callAsync(idempotent, () -> {
      // A channel in reconnect backoff fails calls at once; a retry should try the network again.
      if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
        channel.resetConnectBackoff();
      }
      return Futures.adapt(rpc.get(), collection);
    });
  }

  private <T> CompletableFuture<T> timed(String operation, Supplier<CompletableFuture<T>> work) {
    long start = System.nanoTime();
    CompletableFuture<T> future;
    try {
      if (closed.get()) {
        throw new IllegalStateException("the vector client is closed");
      }
      future = work.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    return future.whenComplete((r, e) ->
        metrics.recordCall(clientName, BACKEND, operation, System.nanoTime() - start, e == null));
  }

  private io.qdrant.client.grpc.PointsGrpc.PointsFutureStub points() {
    return grpc.points().withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  private io.qdrant.client.grpc.CollectionsGrpc.CollectionsFutureStub collections() {
    return grpc.collections().withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  // ------------------------------------------------------------------ collections

  /** Creates the collection and its indexes when missing; true when it was created. */
  public CompletableFuture<Boolean> ensure(CollectionSpec spec) {
    return timed("ensure", () -> describeOrNull(spec.name()).thenCompose(found -> {
      if (found != null) {
        return checkCompatible(spec, found).thenCompose(ok -> createIndexes(spec, found)).thenApply(x -> false);
      }
      return call(false, spec.name(), () -> collections().create(createRequest(spec)))
          .handle((r, e) -> e)
          .thenCompose(failure -> {
            if (failure == null) {
              LOG.info("{}: created Qdrant collection '{}' ({}-d {}, m={})", BACKEND, spec.name(), spec.vectorSize(),
                  spec.distance().qdrantName(), spec.hnswM());
              return createIndexes(spec, null).thenApply(x -> true);
            }
            RuntimeException cause = Futures.rethrow(failure);
            if (!(cause instanceof VectorRequestException r && r.statusCode().equals("ALREADY_EXISTS"))) {
              return CompletableFuture.failedFuture(cause);
            }
            // Lost a race with another creator: fine if what they made matches.
            return describe(spec.name()).thenCompose(now -> checkCompatible(spec, now)
                .thenCompose(ok -> createIndexes(spec, now)).thenApply(x -> false));
          });
    }).whenComplete((r, e) -> {
      if (e == null) {
        ensured.put(spec.name(), spec);
      }
    }));
  }

  private CompletableFuture<Void> checkCompatible(CollectionSpec spec, CollectionState found) {
    if (found.vectorSize() != spec.vectorSize() || found.distance() != spec.distance()) {
      return CompletableFuture.failedFuture(new CollectionSpecConflictException(spec, found));
    }
    if (found.hnswM() != spec.hnswM() || (spec.shardNumber() != null && found.shardNumber() != spec.shardNumber())) {
      LOG.warn("{}: collection '{}' exists with hnsw m={} and {} shard(s); the spec asks for m={}{}; "
          + "these do not affect results and are left as they are", BACKEND, spec.name(), found.hnswM(),
          found.shardNumber(), spec.hnswM(), spec.shardNumber() == null ? "" : " and " + spec.shardNumber() + " shard(s)");
    }
    return CompletableFuture.completedFuture(null);
  }

  private CreateCollection createRequest(CollectionSpec spec) {
    int shards = spec.shardNumber() != null ? spec.shardNumber() : config.shardNumber();
    int replicas = spec.replicationFactor() != null ? spec.replicationFactor() : config.replicationFactor();
    int writes = spec.writeConsistencyFactor() != null ? spec.writeConsistencyFactor() : config.writeConsistencyFactor();
    return CreateCollection.newBuilder().setCollectionName(spec.name())
        .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder()
            .setSize(spec.vectorSize()).setDistance(io.qdrant.client.grpc.Collections.Distance.valueOf(
                spec.distance().qdrantName()))))
        .setHnswConfig(HnswConfigDiff.newBuilder().setM(spec.hnswM()))
        .setShardNumber(shards).setReplicationFactor(replicas).setWriteConsistencyFactor(Math.min(writes, replicas))
        .build();
  }

  /** Creates the spec's indexes that {@code found} lacks (all of them for a new collection). */
  private CompletableFuture<Void> createIndexes(CollectionSpec spec, CollectionState found) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (Map.Entry<String, PayloadFieldType> index : spec.payloadIndexes().entrySet()) {
      if (found != null && found.payloadIndexes().get(index.getKey()) == index.getValue()) {
        continue;
      }
      CreateFieldIndexCollection request = CreateFieldIndexCollection.newBuilder().setCollectionName(spec.name())
          .setWait(true).setFieldName(index.getKey()).setFieldType(FIELD_TYPES.get(index.getValue())).build();
      chain = chain.thenCompose(x -> call(true, spec.name(), () -> points().createFieldIndex(request))
          .thenApply(r -> null));
    }
    return chain;
  }

  /** The collection as Qdrant reports it. */
  public CompletableFuture<CollectionState> describe(String name) {
    return timed("describe", () -> call(true, name,
        () -> collections().get(GetCollectionInfoRequest.newBuilder().setCollectionName(name).build()))
        .thenApply(r -> remember(name, r.getResult())));
  }

  private CompletableFuture<CollectionState> describeOrNull(String name) {
    return describe(name).handle((state, e) -> {
      if (e == null) {
        return state;
      }
      RuntimeException failure = Futures.rethrow(e);
      if (failure instanceof CollectionNotFoundException) {
        return null;
      }
      throw failure;
    });
  }

  private CollectionState remember(String name, CollectionInfo info) {
    CollectionParams params = info.getConfig().getParams();
    if (params.getVectorsConfig().getConfigCase() != VectorsConfig.ConfigCase.PARAMS) {
      throw new VectorException(name, "Qdrant collection '" + name
          + "' uses named vectors, which the citadel helpers do not handle (use rawClient())", null);
    }
    VectorParams vectors = params.getVectorsConfig().getParams();
    Map<String, PayloadFieldType> indexes = new LinkedHashMap<>();
    info.getPayloadSchemaMap().forEach((field, schema) -> {
      PayloadFieldType type = fieldType(schema.getDataType());
      if (type != null) {
        indexes.put(field, type);
      }
    });
    CollectionState state = new CollectionState(name, (int) vectors.getSize(),
        Distance.fromName(vectors.getDistance().name()), info.getPointsCount(),
        (int) info.getConfig().getHnswConfig().getM(), params.getShardNumber(), params.getReplicationFactor(),
        params.getWriteConsistencyFactor(), indexes);
    known.put(name, state);
    return state;
  }

  private static PayloadFieldType fieldType(PayloadSchemaType type) {
    return switch (type) {
      case Keyword -> PayloadFieldType.KEYWORD;
      case Integer -> PayloadFieldType.INTEGER;
      case Float -> PayloadFieldType.FLOAT;
      case Bool -> PayloadFieldType.BOOL;
      case Datetime -> PayloadFieldType.DATETIME;
      case Text -> PayloadFieldType.TEXT;
      case Uuid -> PayloadFieldType.UUID;
      default -> null;
    };
  }

  public CompletableFuture<Boolean> exists(String name) {
    return timed("exists", () -> call(true, name,
        () -> collections().collectionExists(CollectionExistsRequest.newBuilder().setCollectionName(name).build()))
        .thenApply(r -> r.getResult().getExists()));
  }

  public CompletableFuture<List<String>> list() {
    return timed("list", () -> call(true, null, () -> collections().list(ListCollectionsRequest.getDefaultInstance()))
        .thenApply(r -> r.getCollectionsList().stream().map(c -> c.getName()).sorted().toList()));
  }

  /** Drops the collection with all its points; false when there was none. */
  public CompletableFuture<Boolean> drop(String name) {
    return timed("drop", () -> call(true, name,
        () -> collections().delete(DeleteCollection.newBuilder().setCollectionName(name).build()))
        .thenApply(r -> {
          known.remove(name);
          ensured.remove(name);
          return r.getResult();
        }));
  }

  // ------------------------------------------------------------------ points

  /**
   * Upserts in requests of {@code qdrant.upsert.batch_size}, at most
   * {@code qdrant.upsert.parallelism} in flight; every vector is checked before the first is
   * sent. Completes with the number of points written.
   */
  public CompletableFuture<Long> upsert(String collection, List<VectorPoint> points) {
    return timed("upsert", () -> {
      for (VectorPoint p : points) {
        VectorChecks.values(collection, p.vector(), "point " + p.id());
      }
      if (points.isEmpty()) {
        return CompletableFuture.completedFuture(0L);
      }
      return dimensionCheck(collection, points.stream().map(p -> new Sized(p.id().toString(), p.vector().length))
          .toList()).thenCompose(ok -> upsertBatches(collection, points));
    });
  }

  private record Sized(String label, int size) {}

  private static PointStruct struct(VectorPoint p) {
    DenseVector.Builder dense = DenseVector.newBuilder();
    for (float f : p.vector()) {
      dense.addData(f);
    }
    return PointStruct.newBuilder().setId(PointIds.toQdrant(p.id()))
        .setVectors(Vectors.newBuilder().setVector(Vector.newBuilder().setDense(dense)))
        .putAllPayload(Payloads.toValues(p.payload())).build();
  }

  /** Sends the batches; each is converted to protobuf only when it is sent, overlapping the others' I/O. */
  private CompletableFuture<Long> upsertBatches(String collection, List<VectorPoint> points) {
    int size = config.upsertBatchSize();
    List<List<VectorPoint>> batches = new ArrayList<>();
    for (int i = 0; i < points.size(); i += size) {
      batches.add(points.subList(i, Math.min(points.size(), i + size)));
    }
    CompletableFuture<Long> done = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger remaining = new AtomicInteger(batches.size());
    AtomicLong written = new AtomicLong();
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= batches.size() || done.isDone()) {
        return;
      }
      List<VectorPoint> batch = batches.get(i);
      UpsertPoints.Builder builder = UpsertPoints.newBuilder().setCollectionName(collection).setWait(true);
      for (VectorPoint p : batch) {
        builder.addPoints(struct(p));
      }
      UpsertPoints request = builder.build();
      long started = System.nanoTime();
      call(true, collection, () -> points().upsert(request)).whenComplete((r, e) -> {
        metrics.recordCall(clientName, BACKEND, "upsert_batch", System.nanoTime() - started, e == null);
        if (e != null) {
          done.completeExceptionally(dimensionAware(collection, e));
          return;
        }
        written.addAndGet(batch.size());
        if (remaining.decrementAndGet() == 0) {
          done.complete(written.get());
        } else {
          launch[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(config.upsertParallelism(), batches.size()); i++) {
      launch[0].run();
    }
    return done;
  }

  /** A server-side dimension error means our cached size is stale: forget it. */
  private Throwable dimensionAware(String collection, Throwable e) {
    RuntimeException failure = Futures.rethrow(e);
    if (failure instanceof DimensionMismatchException || failure instanceof CollectionNotFoundException) {
      known.remove(collection);
    }
    return failure;
  }

  /** Checks sizes against the collection's, fetching it once, and again once if the cache is stale. */
  private CompletableFuture<Void> dimensionCheck(String collection, List<Sized> vectors) {
    CollectionState cached = known.get(collection);
    CompletableFuture<CollectionState> state = cached != null ? CompletableFuture.completedFuture(cached)
        : describe(collection);
    return state.thenCompose(s -> {
      Sized bad = firstMismatch(s, vectors);
      if (bad == null) {
        return CompletableFuture.completedFuture(null);
      }
      if (cached == null) {
        return CompletableFuture.failedFuture(new DimensionMismatchException(collection, s.vectorSize(), bad.size(), null));
      }
      return describe(collection).thenCompose(fresh -> {
        Sized stillBad = firstMismatch(fresh, vectors);
        return stillBad == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(
            new DimensionMismatchException(collection, fresh.vectorSize(), stillBad.size(), null));
      });
    });
  }

  private static Sized firstMismatch(CollectionState state, List<Sized> vectors) {
    for (Sized v : vectors) {
      if (v.size() != state.vectorSize()) {
        return v;
      }
    }
    return null;
  }

  /** Deletes points by id; ids that do not exist are ignored. */
  public CompletableFuture<Void> delete(String collection, Collection<PointId> ids) {
    PointsIdsList.Builder list = PointsIdsList.newBuilder();
    ids.forEach(id -> list.addIds(PointIds.toQdrant(id)));
    return deletePoints("delete", collection, PointsSelector.newBuilder().setPoints(list).build());
  }

  /** Deletes every point matching {@code filter} (which must not be empty). */
  public CompletableFuture<Void> deleteMatching(String collection, VectorFilter filter) {
    Filter f = Filters.toQdrant(filter);
    if (f == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "refusing to delete by an empty filter (it would delete every point of '" + collection + "')"));
    }
    return deletePoints("delete", collection, PointsSelector.newBuilder().setFilter(f).build());
  }

  private CompletableFuture<Void> deletePoints(String operation, String collection, PointsSelector selector) {
    DeletePoints request = DeletePoints.newBuilder().setCollectionName(collection).setWait(true)
        .setPoints(selector).build();
    return timed(operation, () -> call(true, collection, () -> points().delete(request)).thenApply(r -> null));
  }

  /** The points with these ids that exist, in the order asked. */
  public CompletableFuture<List<StoredPoint>> get(String collection, Collection<PointId> ids, boolean withVectors) {
    GetPoints.Builder request = GetPoints.newBuilder().setCollectionName(collection)
        .setWithPayload(WithPayloadSelector.newBuilder().setEnable(true))
        .setWithVectors(WithVectorsSelector.newBuilder().setEnable(withVectors));
    ids.forEach(id -> request.addIds(PointIds.toQdrant(id)));
    return timed("get", () -> call(true, collection, () -> points().get(request.build()))
        .thenApply(r -> r.getResultList().stream().map(VectorOperations::stored).toList()));
  }

  private static StoredPoint stored(RetrievedPoint p) {
    return new StoredPoint(PointIds.fromQdrant(p.getId()), Payloads.toJava(p.getPayloadMap()),
        p.hasVectors() ? dense(p.getVectors()) : null);
  }

  @SuppressWarnings("deprecation")
  private static float[] dense(VectorsOutput v) {
    if (!v.hasVector()) {
      return null;
    }
    List<Float> data = v.getVector().hasDense() ? v.getVector().getDense().getDataList() : v.getVector().getDataList();
    float[] out = new float[data.size()];
    if (data instanceof com.google.protobuf.Internal.FloatList floats) {
      for (int i = 0; i < out.length; i++) {
        out[i] = floats.getFloat(i);
      }
    } else {
      for (int i = 0; i < out.length; i++) {
        out[i] = data.get(i);
      }
    }
    return out;
  }

  /** Exact count of points matching {@code filter}. */
  public CompletableFuture<Long> count(String collection, VectorFilter filter) {
    CountPoints.Builder request = CountPoints.newBuilder().setCollectionName(collection).setExact(true);
    Filter f = Filters.toQdrant(filter);
    if (f != null) {
      request.setFilter(f);
    }
    return timed("count", () -> call(true, collection, () -> points().count(request.build()))
        .thenApply(r -> r.getResult().getCount()));
  }

  /** One page of points in id order, starting at {@code offset} (null for the first). */
  public CompletableFuture<ScrollPage> scroll(String collection, VectorFilter filter, PointId offset, int limit,
      boolean withVectors) {
    if (limit < 1) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("limit must be at least 1, was " + limit));
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
    return timed("scroll", () -> call(true, collection, () -> points().scroll(request.build()))
        .thenApply(r -> new ScrollPage(r.getResultList().stream().map(VectorOperations::stored).toList(),
            r.hasNextPageOffset() ? PointIds.fromQdrant(r.getNextPageOffset()) : null)));
  }

  /** Visits every point matching {@code filter}, page by page, in id order. */
  public CompletableFuture<Void> forEach(String collection, VectorFilter filter, boolean withVectors,
      java.util.function.Consumer<StoredPoint> visitor) {
    return forEachFrom(collection, filter, withVectors, visitor, null);
  }

  private CompletableFuture<Void> forEachFrom(String collection, VectorFilter filter, boolean withVectors,
      java.util.function.Consumer<StoredPoint> visitor, PointId offset) {
    return scroll(collection, filter, offset, SCROLL_PAGE, withVectors).thenCompose(page -> {
      page.points().forEach(visitor);
      return page.nextOffset() == null ? CompletableFuture.<Void>completedFuture(null)
          : forEachFrom(collection, filter, withVectors, visitor, page.nextOffset());
    });
  }

  /** Top-k search; the query vector is checked before sending. */
  public CompletableFuture<List<SearchHit>> search(String collection, SearchRequest request) {
    return timed("search", () -> {
      float[] query = request.vector();
      VectorChecks.values(collection, query, "the search query");
      return dimensionCheck(collection, List.of(new Sized("the search query", query.length))).thenCompose(ok -> {
        SearchPoints.Builder b = SearchPoints.newBuilder().setCollectionName(collection).setLimit(request.limit())
            .setOffset(request.offset())
            .setWithPayload(WithPayloadSelector.newBuilder().setEnable(request.withPayload()))
            .setWithVectors(WithVectorsSelector.newBuilder().setEnable(request.withVector()));
        for (float f : query) {
          b.addVector(f);
        }
        Filter f = Filters.toQdrant(request.filter());
        if (f != null) {
          b.setFilter(f);
        }
        if (request.scoreThreshold() != null) {
          b.setScoreThreshold(request.scoreThreshold());
        }
        SearchPoints built = b.build();
        return call(true, collection, () -> points().search(built))
            .handle((r, e) -> {
              if (e != null) {
                throw Futures.rethrow(dimensionAware(collection, e));
              }
              return r.getResultList().stream().map(VectorOperations::hit).toList();
            });
      });
    });
  }

  private static SearchHit hit(ScoredPoint p) {
    return new SearchHit(PointIds.fromQdrant(p.getId()), p.getScore(), Payloads.toJava(p.getPayloadMap()),
        p.hasVectors() ? dense(p.getVectors()) : null);
  }

  // ------------------------------------------------------------------ health

  /** Reachability and version, then each ensured collection; one attempt each, never throws. */
  public List<HealthCheck> health() {
    List<HealthCheck> checks = new ArrayList<>();
    long start = System.nanoTime();
    try {
      HealthCheckReply reply = grpc.qdrant().withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
          .healthCheck(HealthCheckRequest.getDefaultInstance()).get();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("title", reply.getTitle());
      attrs.put("version", reply.getVersion());
      attrs.put("endpoint", config.host() + ":" + config.port());
      attrs.put("latency_ms", took.toMillis());
      attrs.put("breaker", policy.breakerState().name());
      checks.add(HealthCheck.up(BACKEND, reply.getTitle() + " " + reply.getVersion() + " at " + config.host() + ":"
          + config.port(), attrs, took));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.add(HealthCheck.down(BACKEND, "interrupted", Duration.ofNanos(System.nanoTime() - start)));
      return checks;
    } catch (Exception e) {
      io.grpc.Status status = io.grpc.Status.fromThrowable(e);
      checks.add(HealthCheck.down(BACKEND, "Qdrant at " + config.host() + ":" + config.port() + " is unreachable: "
          + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription()),
          Duration.ofNanos(System.nanoTime() - start)));
      return checks;
    }
    for (CollectionSpec spec : ensured.values().stream().sorted(java.util.Comparator.comparing(CollectionSpec::name))
        .toList()) {
      checks.add(collectionHealth(spec));
    }
    return checks;
  }

  private HealthCheck collectionHealth(CollectionSpec spec) {
    String name = "qdrant.collection." + spec.name();
    long start = System.nanoTime();
    try {
      CollectionInfo info = collections().get(GetCollectionInfoRequest.newBuilder().setCollectionName(spec.name())
          .build()).get().getResult();
      CollectionState s = remember(spec.name(), info);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("vector_size", s.vectorSize());
      attrs.put("distance", s.distance().qdrantName());
      attrs.put("points", s.pointsCount());
      attrs.put("status", info.getStatus().name());
      if (s.vectorSize() != spec.vectorSize() || s.distance() != spec.distance()) {
        return new HealthCheck(name, dev.citadel.client.health.HealthStatus.DOWN, s.vectorSize() + "-d "
            + s.distance().qdrantName() + " but the spec asks for " + spec.vectorSize() + "-d "
            + spec.distance().qdrantName(), attrs, took);
      }
      return HealthCheck.up(name, s.vectorSize() + "-d " + s.distance().qdrantName() + ", " + s.pointsCount()
          + " points, " + info.getStatus().name(), attrs, took);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthCheck.down(name, "interrupted", Duration.ofNanos(System.nanoTime() - start));
    } catch (Exception e) {
      io.grpc.Status status = io.grpc.Status.fromThrowable(e);
      return HealthCheck.down(name, status.getCode() == io.grpc.Status.Code.NOT_FOUND ? "missing"
          : status.getCode() + " " + status.getDescription(), Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Shuts the channel down (bounded wait) and removes the breaker meter. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.shutdown();
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      try {
        breakerGauge.close();
      } catch (Exception e) {
        LOG.debug("{}: removing the breaker meter failed", BACKEND, e);
      }
    }
  }

  @Override
  public String toString() {
    return "Qdrant[" + config.host() + ":" + config.port() + (config.tls().enabled() ? ", tls" : "")
        + (config.apiKey().isEmpty() ? "" : ", api key ******") + "]";
  }

}
