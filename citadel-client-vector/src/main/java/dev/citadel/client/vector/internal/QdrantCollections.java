package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.vector.CollectionNotFoundException;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionSpecConflictException;
import dev.citadel.client.vector.CollectionState;
import dev.citadel.client.vector.DenseVectorSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.SparseModifier;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.client.vector.VectorException;
import dev.citadel.client.vector.VectorRequestException;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collections: ensure a {@link CollectionSpec} (create with its indexes, or check an existing
 * one and add missing indexes; never drop or recreate), describe, exist, list, drop. Keeps the
 * specs this client ensured (for health) and the collection states it saw ({@link #known()}, for
 * size checks before points are sent). Thread-safe.
 */
public final class QdrantCollections {
  private static final Logger LOG = LoggerFactory.getLogger(QdrantCollections.class);
  private static final Map<PayloadFieldType, FieldType> FIELD_TYPES = new EnumMap<>(Map.of(
      PayloadFieldType.KEYWORD, FieldType.FieldTypeKeyword, PayloadFieldType.INTEGER, FieldType.FieldTypeInteger,
      PayloadFieldType.FLOAT, FieldType.FieldTypeFloat, PayloadFieldType.BOOL, FieldType.FieldTypeBool,
      PayloadFieldType.DATETIME, FieldType.FieldTypeDatetime, PayloadFieldType.TEXT, FieldType.FieldTypeText,
      PayloadFieldType.UUID, FieldType.FieldTypeUuid));

  private final QdrantBackend backend;
  private final KnownCollections known;
  private final Map<String, CollectionSpec> ensured = new ConcurrentHashMap<>();

  /** Collections on {@code backend}; opens nothing. */
  public QdrantCollections(QdrantBackend backend) {
    this.backend = backend;
    this.known = new KnownCollections(this::describe);
  }

  /** The collection states seen by this client, shared with the points and search concerns. */
  public KnownCollections known() {
    return known;
  }

  /** The specs ensured by this client and not dropped since, by name. */
  public List<CollectionSpec> ensuredSpecs() {
    return ensured.values().stream().sorted(Comparator.comparing(CollectionSpec::name)).toList();
  }

  /**
   * Creates the collection and its indexes when missing; when it exists, checks it against the
   * spec and creates the indexes it lacks. Completes with true when it was created.
   */
  public CompletableFuture<Boolean> ensure(CollectionSpec spec) {
    return backend.timed("ensure", () -> describeOrNull(spec.name()).thenCompose(found -> {
      if (found != null) {
        return ensureExisting(spec, found);
      }
      return backend.call(false, spec.name(), () -> backend.collections().create(createRequest(spec)))
          .handle((r, e) -> e)
          .thenCompose(failure -> {
            if (failure == null) {
              LOG.info("{}: created Qdrant collection '{}' ({}, m={})", QdrantBackend.NAME, spec.name(),
                  spec.vectorsText(), spec.hnswM());
              return createIndexes(spec, null).thenApply(x -> true);
            }
            RuntimeException cause = Futures.rethrow(failure);
            if (!(cause instanceof VectorRequestException r && r.statusCode().equals("ALREADY_EXISTS"))) {
              return CompletableFuture.failedFuture(cause);
            }
            // Lost a race with another creator: fine if what they made matches.
            return describe(spec.name()).thenCompose(now -> ensureExisting(spec, now));
          });
    }).whenComplete((r, e) -> {
      if (e == null) {
        ensured.put(spec.name(), spec);
      }
    }));
  }

  private CompletableFuture<Boolean> ensureExisting(CollectionSpec spec, CollectionState found) {
    if (!spec.vectorsMatch(found)) {
      return CompletableFuture.failedFuture(new CollectionSpecConflictException(spec, found));
    }
    if (found.hnswM() != spec.hnswM() || (spec.shardNumber() != null && found.shardNumber() != spec.shardNumber())) {
      LOG.warn("{}: collection '{}' exists with hnsw m={} and {} shard(s); the spec asks for m={}{}; "
          + "these do not affect results and are left as they are", QdrantBackend.NAME, spec.name(), found.hnswM(),
          found.shardNumber(), spec.hnswM(), spec.shardNumber() == null ? "" : " and " + spec.shardNumber()
          + " shard(s)");
    }
    return createIndexes(spec, found).thenApply(x -> false);
  }

  /** The creation request: the spec's vectors and HNSW m, its distribution or the configured one. */
  static CreateCollection createRequest(CollectionSpec spec, QdrantConfig config) {
    int shards = spec.shardNumber() != null ? spec.shardNumber() : config.shardNumber();
    int replicas = spec.replicationFactor() != null ? spec.replicationFactor() : config.replicationFactor();
    int writes = spec.writeConsistencyFactor() != null ? spec.writeConsistencyFactor()
        : config.writeConsistencyFactor();
    VectorsConfig.Builder vectors = VectorsConfig.newBuilder();
    if (spec.hasNamedVectors()) {
      VectorParamsMap.Builder map = VectorParamsMap.newBuilder();
      spec.namedVectors().forEach((name, v) -> map.putMap(name, VectorParams.newBuilder().setSize(v.size())
          .setDistance(io.qdrant.client.grpc.Collections.Distance.valueOf(v.distance().qdrantName())).build()));
      vectors.setParamsMap(map);
    } else {
      vectors.setParams(VectorParams.newBuilder().setSize(spec.vectorSize())
          .setDistance(io.qdrant.client.grpc.Collections.Distance.valueOf(spec.distance().qdrantName())));
    }
    CreateCollection.Builder create = CreateCollection.newBuilder().setCollectionName(spec.name())
        .setVectorsConfig(vectors);
    if (!spec.sparseVectors().isEmpty()) {
      SparseVectorConfig.Builder sparse = SparseVectorConfig.newBuilder();
      spec.sparseVectors().forEach((name, modifier) -> sparse.putMap(name, SparseVectorParams.newBuilder()
          .setModifier(modifier == SparseModifier.IDF ? Modifier.Idf : Modifier.None).build()));
      create.setSparseVectorsConfig(sparse);
    }
    return create
        .setHnswConfig(HnswConfigDiff.newBuilder().setM(spec.hnswM()))
        .setShardNumber(shards).setReplicationFactor(replicas).setWriteConsistencyFactor(Math.min(writes, replicas))
        .build();
  }

  private CreateCollection createRequest(CollectionSpec spec) {
    return createRequest(spec, backend.config());
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
      chain = chain.thenCompose(x -> backend.call(true, spec.name(), () -> backend.points().createFieldIndex(request))
          .thenApply(r -> null));
    }
    return chain;
  }

  /** The collection as Qdrant reports it; fails with {@link CollectionNotFoundException}. */
  public CompletableFuture<CollectionState> describe(String name) {
    return backend.timed("describe", () -> backend.call(true, name,
        () -> backend.collections().get(GetCollectionInfoRequest.newBuilder().setCollectionName(name).build()))
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

  /** Converts Qdrant's answer and records it in {@link #known()}. */
  CollectionState remember(String name, CollectionInfo info) {
    CollectionState state = stateOf(name, info);
    known.remember(state);
    return state;
  }

  /**
   * Qdrant's collection info as a {@link CollectionState}; payload indexes of types the SDK has
   * no name for are left out.
   *
   * @throws VectorException for a collection that reports no dense vector configuration
   */
  static CollectionState stateOf(String name, CollectionInfo info) {
    CollectionParams params = info.getConfig().getParams();
    int size = 0;
    Distance distance = Distance.COSINE;
    Map<String, DenseVectorSpec> named = new LinkedHashMap<>();
    switch (params.getVectorsConfig().getConfigCase()) {
      case PARAMS -> {
        VectorParams vectors = params.getVectorsConfig().getParams();
        size = (int) vectors.getSize();
        distance = Distance.fromName(vectors.getDistance().name());
      }
      case PARAMS_MAP -> new TreeMap<>(params.getVectorsConfig().getParamsMap().getMapMap()).forEach((n, v) ->
          named.put(n, new DenseVectorSpec((int) v.getSize(), Distance.fromName(v.getDistance().name()))));
      default -> throw new VectorException(name, "Qdrant collection '" + name
          + "' reports no dense vector configuration", null);
    }
    Map<String, SparseModifier> sparse = new LinkedHashMap<>();
    new TreeMap<>(params.getSparseVectorsConfig().getMapMap()).forEach((n, p) ->
        sparse.put(n, p.getModifier() == Modifier.Idf ? SparseModifier.IDF : SparseModifier.NONE));
    Map<String, PayloadFieldType> indexes = new LinkedHashMap<>();
    info.getPayloadSchemaMap().forEach((field, schema) -> {
      PayloadFieldType type = fieldType(schema.getDataType());
      if (type != null) {
        indexes.put(field, type);
      }
    });
    return new CollectionState(name, size, distance, info.getPointsCount(),
        (int) info.getConfig().getHnswConfig().getM(), params.getShardNumber(), params.getReplicationFactor(),
        params.getWriteConsistencyFactor(), indexes, named, sparse);
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

  /** Whether the collection exists. */
  public CompletableFuture<Boolean> exists(String name) {
    return backend.timed("exists", () -> backend.call(true, name, () -> backend.collections()
        .collectionExists(CollectionExistsRequest.newBuilder().setCollectionName(name).build()))
        .thenApply(r -> r.getResult().getExists()));
  }

  /** The names of all collections, sorted. */
  public CompletableFuture<List<String>> list() {
    return backend.timed("list", () -> backend.call(true, null,
        () -> backend.collections().list(ListCollectionsRequest.getDefaultInstance()))
        .thenApply(r -> r.getCollectionsList().stream().map(c -> c.getName()).sorted().toList()));
  }

  /** Drops the collection with all its points; completes with false when there was none. */
  public CompletableFuture<Boolean> drop(String name) {
    return backend.timed("drop", () -> backend.call(true, name,
        () -> backend.collections().delete(DeleteCollection.newBuilder().setCollectionName(name).build()))
        .thenApply(r -> {
          known.forget(name);
          ensured.remove(name);
          return r.getResult();
        }));
  }
}
