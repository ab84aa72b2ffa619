package dev.citadel.qdrant.local.conformance;

import static io.qdrant.client.ConditionFactory.datetimeRange;
import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.isNull;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchExceptKeywords;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.matchText;
import static io.qdrant.client.ConditionFactory.nested;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.Timestamp;
import dev.citadel.qdrant.local.support.QdrantTarget;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.MinShould;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * Qdrant's gRPC semantics, asserted through the official Java client with hand-computed
 * expectations. Subclasses pick the server: the local server always, a real Qdrant in a
 * container where Docker answers. The tests are the same for both and use nothing only one of
 * them has (UNIMPLEMENTED answers are the local server's own test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class QdrantConformanceSuite {
  private static final float EPS = 1e-5f;
  private static final float HALF_SQRT2 = (float) (Math.sqrt(2) / 2);

  private QdrantTarget target;
  private QdrantClient client;
  private final List<String> created = new ArrayList<>();
  private String prefix;

  /** Starts the server under test, or returns null when it cannot run here. */
  protected abstract QdrantTarget startTarget();

  /** Why {@link #startTarget()} returned null; reported as each test's skip reason. */
  protected String unavailableReason() {
    return "the server under test is not available";
  }

  @BeforeAll
  void startServer() {
    target = startTarget();
    client = target == null ? null : target.rawClient();
  }

  @AfterAll
  void stopServer() {
    if (client != null) {
      client.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @BeforeEach
  void name(TestInfo info) {
    Assumptions.assumeTrue(target != null, this::unavailableReason);
    prefix = "conf_" + info.getTestMethod().orElseThrow().getName() + "_" + Long.toHexString(System.nanoTime());
  }

  @AfterEach
  void dropCollections() throws Exception {
    for (String name : created) {
      await(client.deleteCollectionAsync(name));
    }
    created.clear();
  }

  // ---------------------------------------------------------------- collections

  @Test
  void collectionLifecycleAndItsStatusCodes() throws Exception {
    String name = create(4, Distance.Dot);

    assertThat(await(client.collectionExistsAsync(name))).isTrue();
    assertThat(await(client.listCollectionsAsync())).contains(name);
    CollectionInfo info = await(client.getCollectionInfoAsync(name));
    VectorParams params = info.getConfig().getParams().getVectorsConfig().getParams();
    assertThat(params.getSize()).isEqualTo(4);
    assertThat(params.getDistance()).isEqualTo(Distance.Dot);
    assertThat(info.getPointsCount()).isZero();

    assertThat(statusOf(() -> client.createCollectionAsync(name, params(4, Distance.Dot))))
        .isEqualTo(Status.Code.ALREADY_EXISTS);

    assertThat(await(client.deleteCollectionAsync(name)).getResult()).isTrue();
    created.remove(name);
    assertThat(await(client.collectionExistsAsync(name))).isFalse();
    assertThat(await(client.listCollectionsAsync())).doesNotContain(name);
    assertThat(statusOf(() -> client.getCollectionInfoAsync(name))).isEqualTo(Status.Code.NOT_FOUND);
    // the raw client turns result=false into an exception, so ask the stub directly
    assertThat(await(client.grpcClient().collections()
        .delete(DeleteCollection.newBuilder().setCollectionName(name).build())).getResult()).isFalse();
  }

  @Test
  void distributedOptionsAndHnswAreKept() throws Exception {
    String name = prefix;
    await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(name)
        .setVectorsConfig(VectorsConfig.newBuilder().setParams(params(3, Distance.Cosine)))
        .setShardNumber(2).setReplicationFactor(1).setWriteConsistencyFactor(1)
        .setHnswConfig(HnswConfigDiff.newBuilder().setM(24)).build()));
    created.add(name);

    CollectionInfo info = await(client.getCollectionInfoAsync(name));
    assertThat(info.getConfig().getParams().getShardNumber()).isEqualTo(2);
    assertThat(info.getConfig().getParams().getReplicationFactor()).isEqualTo(1);
    assertThat(info.getConfig().getParams().getWriteConsistencyFactor()).isEqualTo(1);
    assertThat(info.getConfig().getHnswConfig().getM()).isEqualTo(24);
  }

  @Test
  void payloadIndexIsListedWithItsType() throws Exception {
    String name = create(2, Distance.Dot);
    upsert(name, point(1, new float[] {1, 0}, Map.of("city", value("Berlin"))),
        point(2, new float[] {1, 0}, Map.of("other", value(1))));

    await(client.createPayloadIndexAsync(name, "city", PayloadSchemaType.Keyword, null, true, null, null));

    CollectionInfo info = await(client.getCollectionInfoAsync(name));
    assertThat(info.getPayloadSchemaMap()).containsKey("city");
    assertThat(info.getPayloadSchemaMap().get("city").getDataType()).isEqualTo(PayloadSchemaType.Keyword);
    assertThat(info.getPointsCount()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- distances and scores

  @Test
  void cosineVectorsAreNormalisedAtInsert() throws Exception {
    String name = create(2, Distance.Cosine);
    upsert(name, point(1, new float[] {3, 4}, Map.of()));

    RetrievedPoint p = get(name, List.of(id(1)), false, true).get(0);
    List<Float> stored = p.getVectors().getVector().getDense().getDataList();
    assertThat(stored.get(0)).isCloseTo(0.6f, within(EPS));
    assertThat(stored.get(1)).isCloseTo(0.8f, within(EPS));

    List<ScoredPoint> hits = search(name, new float[] {10, 0}, 1, null);
    assertThat(hits.get(0).getScore()).isCloseTo(0.6f, within(EPS));
  }

  @Test
  void cosineScoresAndOrder() throws Exception {
    String name = create(2, Distance.Cosine);
    upsert(name, point(1, new float[] {1, 0}, Map.of()), point(2, new float[] {1, 1}, Map.of()),
        point(3, new float[] {0, 1}, Map.of()), point(4, new float[] {-1, 0}, Map.of()));

    List<ScoredPoint> hits = search(name, new float[] {2, 0}, 10, null);

    assertThat(ids(hits)).containsExactly(1L, 2L, 3L, 4L);
    assertScores(hits, 1.0f, HALF_SQRT2, 0.0f, -1.0f);
  }

  @Test
  void dotScoresAndOrder() throws Exception {
    String name = create(2, Distance.Dot);
    upsert(name, point(1, new float[] {1, 2}, Map.of()), point(2, new float[] {3, 0}, Map.of()),
        point(3, new float[] {0, -1}, Map.of()));

    // q = (2, 1): p1 = 2 + 2 = 4, p2 = 6, p3 = -1; not normalised
    List<ScoredPoint> hits = search(name, new float[] {2, 1}, 10, null);

    assertThat(ids(hits)).containsExactly(2L, 1L, 3L);
    assertScores(hits, 6f, 4f, -1f);
  }

  @Test
  void euclidScoresAreDistancesAscending() throws Exception {
    String name = create(2, Distance.Euclid);
    upsert(name, point(1, new float[] {0, 0}, Map.of()), point(2, new float[] {3, 4}, Map.of()),
        point(3, new float[] {1, 1}, Map.of()));

    List<ScoredPoint> hits = search(name, new float[] {0, 0}, 10, null);

    assertThat(ids(hits)).containsExactly(1L, 3L, 2L);
    assertScores(hits, 0f, (float) Math.sqrt(2), 5f);
  }

  @Test
  void manhattanScoresAreDistancesAscending() throws Exception {
    String name = create(2, Distance.Manhattan);
    upsert(name, point(1, new float[] {0, 0}, Map.of()), point(2, new float[] {3, 4}, Map.of()),
        point(3, new float[] {1, -1}, Map.of()));

    List<ScoredPoint> hits = search(name, new float[] {0, 0}, 10, null);

    assertThat(ids(hits)).containsExactly(1L, 3L, 2L);
    assertScores(hits, 0f, 2f, 7f);
  }

  @Test
  void scoreThresholdKeepsOnlyBetterScores() throws Exception {
    String cosine = create(2, Distance.Cosine);
    upsert(cosine, point(1, new float[] {1, 0}, Map.of()), point(2, new float[] {1, 1}, Map.of()),
        point(3, new float[] {0, 1}, Map.of()));
    // similarity: larger is better, so 0.5 keeps 1.0 and 0.707
    assertThat(ids(search(cosine, new float[] {1, 0}, 10, 0.5f))).containsExactly(1L, 2L);

    String euclid = create(2, Distance.Euclid);
    upsert(euclid, point(1, new float[] {0, 0}, Map.of()), point(2, new float[] {3, 4}, Map.of()),
        point(3, new float[] {1, 1}, Map.of()));
    // distance: smaller is better, so 2.0 keeps 0 and 1.414
    assertThat(ids(search(euclid, new float[] {0, 0}, 10, 2.0f))).containsExactly(1L, 3L);
  }

  @Test
  void limitAndOffsetPageTheRanking() throws Exception {
    String name = create(1, Distance.Dot);
    for (int i = 1; i <= 5; i++) {
      upsert(name, point(i, new float[] {i}, Map.of()));
    }
    // q = (1): scores are the ids; ranking 5,4,3,2,1
    List<ScoredPoint> hits = await(client.searchAsync(SearchPoints.newBuilder().setCollectionName(name)
        .addAllVector(List.of(1f)).setLimit(2).setOffset(1).build()));

    assertThat(ids(hits)).containsExactly(4L, 3L);
  }

  @Test
  void queryNearestAnswersLikeSearch() throws Exception {
    String name = create(2, Distance.Dot);
    upsert(name, point(1, new float[] {1, 2}, Map.of("k", value("a"))), point(2, new float[] {3, 0}, Map.of()),
        point(3, new float[] {0, -1}, Map.of()));

    List<ScoredPoint> hits = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.nearest(2f, 1f)).setLimit(2).setWithPayload(WithPayloadSelectorFactory.enable(true))
        .build()));

    assertThat(ids(hits)).containsExactly(2L, 1L);
    assertScores(hits, 6f, 4f);
    assertThat(hits.get(1).getPayloadMap()).containsEntry("k", value("a"));
  }

  @Test
  void searchReturnsPayloadAndVectorsOnlyWhenAsked() throws Exception {
    String name = create(2, Distance.Dot);
    upsert(name, point(1, new float[] {1, 2}, Map.of("k", value("a"))));

    ScoredPoint bare = search(name, new float[] {1, 0}, 1, null).get(0);
    assertThat(bare.getPayloadMap()).isEmpty();
    assertThat(bare.hasVectors()).isFalse();

    ScoredPoint full = await(client.searchAsync(SearchPoints.newBuilder().setCollectionName(name)
        .addAllVector(List.of(1f, 0f)).setLimit(1).setWithPayload(WithPayloadSelectorFactory.enable(true))
        .setWithVectors(WithVectorsSelectorFactory.enable(true)).build())).get(0);
    assertThat(full.getPayloadMap()).containsEntry("k", value("a"));
    assertThat(full.getVectors().getVector().getDense().getDataList()).containsExactly(1f, 2f);
  }

  // ---------------------------------------------------------------- named and sparse vectors

  /**
   * Named dense vectors, each with its own size and distance (collection config
   * {@code vectors_config.params_map}); a point may lack some of them and is then not a
   * candidate for a search on that name. Cosine vectors are normalised per name.
   */
  @Test
  void namedDenseVectorsAreSearchedByName() throws Exception {
    String name = createNamed();
    upsert(name, namedPoint(1, Map.of("image", dense(1, 0), "text", dense(3, 4))),
        namedPoint(2, Map.of("image", dense(0, 2), "text", dense(1, 0))),
        namedPoint(3, Map.of("text", dense(0, 1))));

    // image is Dot: q = (1, 1) scores p1 = 1, p2 = 2; p3 has no image vector
    List<ScoredPoint> image = await(client.searchAsync(SearchPoints.newBuilder().setCollectionName(name)
        .addAllVector(List.of(1f, 1f)).setVectorName("image").setLimit(10).build()));
    assertThat(ids(image)).containsExactly(2L, 1L);
    assertScores(image, 2f, 1f);

    // text is Cosine: (3, 4) is stored as (0.6, 0.8); q = (0, 1) scores p3 = 1, p1 = 0.8, p2 = 0
    List<ScoredPoint> text = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.nearest(0f, 1f)).setUsing("text").build()));
    assertThat(ids(text)).containsExactly(3L, 1L, 2L);
    assertScores(text, 1f, 0.8f, 0f);

    RetrievedPoint one = await(client.retrieveAsync(GetPoints.newBuilder().setCollectionName(name).addIds(id(1))
        .setWithVectors(WithVectorsSelectorFactory.include(List.of("text"))).build(), null)).get(0);
    Map<String, io.qdrant.client.grpc.Points.VectorOutput> named = one.getVectors().getVectors().getVectorsMap();
    assertThat(named).containsOnlyKeys("text");
    assertThat(named.get("text").getDense().getDataList().get(0)).isCloseTo(0.6f, within(EPS));
    assertThat(named.get("text").getDense().getDataList().get(1)).isCloseTo(0.8f, within(EPS));

    assertThat(statusOf(() -> client.upsertAsync(name, List.of(namedPoint(4, Map.of("audio", dense(1, 1)))))))
        .as("a vector name the collection does not have").isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(statusOf(() -> client.searchAsync(SearchPoints.newBuilder().setCollectionName(name)
        .addAllVector(List.of(1f, 1f)).setLimit(1).build()))).as("no default vector").isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(statusOf(() -> client.upsertAsync(name, List.of(namedPoint(4, Map.of("image", dense(1, 1, 1)))))))
        .as("dimension per name").isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  /**
   * Sparse vectors score by the dot product over the indices both have; points sharing no index
   * with the query are not returned (lib/sparse/src/common/sparse_vector.rs score: None without
   * overlap; the inverted index only yields points with a query index).
   */
  @Test
  void sparseVectorsScoreByDotProductOverSharedIndices() throws Exception {
    String name = createSparse(false);
    upsert(name, namedPoint(1, Map.of("terms", sparse(new int[] {1, 3}, 1f, 2f))),
        namedPoint(2, Map.of("terms", sparse(new int[] {2, 3}, 0.5f, 1f))),
        namedPoint(3, Map.of("terms", sparse(new int[] {5}, 1f))));

    // q = {2: 4, 3: 1}: p1 = 2 * 1 = 2; p2 = 0.5 * 4 + 1 * 1 = 3; p3 shares nothing
    List<ScoredPoint> byQuery = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.nearest(List.of(4f, 1f), List.of(2, 3))).setUsing("terms").build()));
    assertThat(ids(byQuery)).containsExactly(2L, 1L);
    assertScores(byQuery, 3f, 2f);

    List<ScoredPoint> bySearch = await(client.searchAsync(SearchPoints.newBuilder().setCollectionName(name)
        .addAllVector(List.of(4f, 1f)).setSparseIndices(io.qdrant.client.grpc.Points.SparseIndices.newBuilder()
            .addAllData(List.of(2, 3))).setVectorName("terms").setLimit(10).build()));
    assertThat(ids(bySearch)).containsExactly(2L, 1L);
    assertScores(bySearch, 3f, 2f);

    RetrievedPoint two = get(name, List.of(id(2)), false, true).get(0);
    io.qdrant.client.grpc.Points.SparseVector stored = two.getVectors().getVectors().getVectorsMap().get("terms").getSparse();
    assertThat(stored.getIndicesList()).containsExactly(2, 3);
    assertThat(stored.getValuesList()).containsExactly(0.5f, 1f);
  }

  /**
   * The IDF modifier multiplies each query weight by ln(1 + (N - n + 0.5) / (n + 0.5)), N the
   * points with the vector and n those with the index (BM25's IDF; Qdrant's sparse index
   * {@code idf} in lib/segment/src/index/sparse_index/sparse_vector_index.rs, statistics taken
   * over the whole collection). The stored weights are not changed.
   */
  @Test
  void sparseIdfModifierWeightsTheQuery() throws Exception {
    String name = createSparse(true);
    upsert(name, namedPoint(1, Map.of("terms", sparse(new int[] {1}, 1f))),
        namedPoint(2, Map.of("terms", sparse(new int[] {1, 2}, 2f, 1f))),
        namedPoint(3, Map.of("terms", sparse(new int[] {2}, 1f))),
        namedPoint(4, Map.of("terms", sparse(new int[] {3}, 1f))));
    // N = 4; index 1 is in 2 points: ln(1 + 2.5 / 2.5) = ln 2; index 3 in 1: ln(1 + 3.5 / 1.5) = ln(10 / 3)
    float idf1 = (float) Math.log(2);
    float idf3 = (float) Math.log(10.0 / 3.0);

    List<ScoredPoint> hits = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.nearest(List.of(1f, 1f), List.of(1, 3))).setUsing("terms").build()));

    assertThat(ids(hits)).containsExactly(2L, 4L, 1L);
    assertScores(hits, 2 * idf1, idf3, idf1);
  }

  // ---------------------------------------------------------------- the Query API

  /**
   * Four points with a named dense vector "dense" (2-d, Dot), a sparse vector "sparse" and a
   * "group". Dense q = (1, 0) ranks p1 = 1, p2 = 0.8, p3 = 0.5, p4 = 0; sparse q = {2: 1}
   * ranks p3 = 2, p2 = 1 (p1 and p4 share no index).
   */
  private String hybridFixture() throws Exception {
    String name = prefix + "_" + created.size();
    await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(name)
        .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(io.qdrant.client.grpc.Collections.VectorParamsMap
            .newBuilder().putMap("dense", params(2, Distance.Dot))))
        .setSparseVectorsConfig(io.qdrant.client.grpc.Collections.SparseVectorConfig.newBuilder().putMap("sparse",
            io.qdrant.client.grpc.Collections.SparseVectorParams.getDefaultInstance())).build()));
    created.add(name);
    upsert(name,
        hybridPoint(1, dense(1, 0), sparse(new int[] {1}, 1f), "a"),
        hybridPoint(2, dense(0.8f, 0), sparse(new int[] {1, 2}, 0.5f, 1f), "b"),
        hybridPoint(3, dense(0.5f, 0), sparse(new int[] {2}, 2f), "a"),
        hybridPoint(4, dense(0, 1), sparse(new int[] {3}, 1f), "a"));
    return name;
  }

  private static io.qdrant.client.grpc.Points.PrefetchQuery denseFirst(int limit) {
    return io.qdrant.client.grpc.Points.PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1f, 0f))
        .setUsing("dense").setLimit(limit).build();
  }

  private static io.qdrant.client.grpc.Points.PrefetchQuery sparseSecond() {
    return io.qdrant.client.grpc.Points.PrefetchQuery.newBuilder()
        .setQuery(QueryFactory.nearest(List.of(1f), List.of(2))).setUsing("sparse").setLimit(10).build();
  }

  /**
   * RRF (reciprocal_rank_fusion.rs rrf_scoring, DEFAULT_RRF_K = 2): sum over the prefetch rankings of
   * 1 / (2 + position), positions from 0. Dense [1, 2, 3], sparse [3, 2]: p3 = 1/4 + 1/2,
   * p2 = 1/3 + 1/3, p1 = 1/2. The root filter applies inside the prefetches too.
   */
  @Test
  void prefetchesFuseWithReciprocalRankFusion() throws Exception {
    String name = hybridFixture();
    List<ScoredPoint> fused = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .addPrefetch(denseFirst(3)).addPrefetch(sparseSecond())
        .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF)).build()));
    assertThat(ids(fused)).containsExactly(3L, 2L, 1L);
    assertScores(fused, 0.75f, 2f / 3, 0.5f);

    // group "a" only: dense [1, 3, 4], sparse [3]: p3 = 1/3 + 1/2, p1 = 1/2, p4 = 1/4
    List<ScoredPoint> filtered = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .addPrefetch(denseFirst(3)).addPrefetch(sparseSecond())
        .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF))
        .setFilter(must(matchKeyword("group", "a"))).build()));
    assertThat(ids(filtered)).containsExactly(3L, 1L, 4L);
    assertScores(filtered, 1f / 3 + 0.5f, 0.5f, 0.25f);
  }

  /**
   * Weighted RRF (reciprocal_rank_fusion.rs position_score): a ranking of weight w adds
   * 1 / ((position + 1) / w + k - 1). Dense [1, 2, 3] with weight 3, sparse [3, 2] with weight 1,
   * k = 2: p1 = 1/(1/3 + 1) = 3/4, p2 = 1/(2/3 + 1) + 1/(2 + 1) = 3/5 + 1/3, p3 = 1/(1 + 1) +
   * 1/(1 + 1) = 1. (Multiplying 1/(k + position) by the weight instead would put p1 first.)
   */
  @Test
  void weightedReciprocalRankFusionStretchesPositionsByTheWeight() throws Exception {
    String name = hybridFixture();
    List<ScoredPoint> fused = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .addPrefetch(denseFirst(3)).addPrefetch(sparseSecond())
        .setQuery(QueryFactory.rrf(io.qdrant.client.grpc.Points.Rrf.newBuilder().setK(2)
            .addWeights(3f).addWeights(1f).build())).build()));
    assertThat(ids(fused)).containsExactly(3L, 2L, 1L);
    assertScores(fused, 1f, 3f / 5 + 1f / 3, 0.75f);
  }

  /**
   * DBSF (score_fusion.rs, Normalization::Distr): each ranking's scores mapped linearly so that
   * mean - 3 sigma is 0 and mean + 3 sigma is 1, then summed per point. Expected values are
   * computed here from that definition with the sample standard deviation.
   */
  @Test
  void prefetchesFuseWithDistributionBasedScoreFusion() throws Exception {
    String name = hybridFixture();
    List<ScoredPoint> fused = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .addPrefetch(denseFirst(3)).addPrefetch(sparseSecond())
        .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.DBSF)).build()));

    double[] dense = dbsfNormalised(1.0, 0.8, 0.5);   // p1, p2, p3
    double[] sparse = dbsfNormalised(2.0, 1.0);       // p3, p2
    assertThat(ids(fused)).containsExactly(3L, 2L, 1L);
    assertScores(fused, (float) (dense[2] + sparse[0]), (float) (dense[1] + sparse[1]), (float) dense[0]);
  }

  private static double[] dbsfNormalised(double... scores) {
    double mean = java.util.Arrays.stream(scores).average().orElseThrow();
    double squares = java.util.Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).sum();
    double sigma = Math.sqrt(squares / (scores.length - 1));
    double low = mean - 3 * sigma;
    double high = mean + 3 * sigma;
    return java.util.Arrays.stream(scores).map(s -> (s - low) / (high - low)).toArray();
  }

  /**
   * A query over prefetches rescores their union only: sparse {2: 1} finds p3 and p2, dense
   * (1, 0) then orders them 0.8, 0.5; nested prefetches work the same way one level down.
   */
  @Test
  void aQueryOverPrefetchesRescoresTheirResults() throws Exception {
    String name = hybridFixture();
    List<ScoredPoint> rescored = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .addPrefetch(sparseSecond()).setQuery(QueryFactory.nearest(1f, 0f)).setUsing("dense").build()));
    assertThat(ids(rescored)).containsExactly(2L, 3L);
    assertScores(rescored, 0.8f, 0.5f);

    // inner: dense top 3 = {1, 2, 3}; middle: sparse {1: 1} over them = p1 1, p2 0.5; root: dense (0.5, 1)
    io.qdrant.client.grpc.Points.PrefetchQuery middle = io.qdrant.client.grpc.Points.PrefetchQuery.newBuilder()
        .addPrefetch(denseFirst(3)).setQuery(QueryFactory.nearest(List.of(1f), List.of(1))).setUsing("sparse")
        .setLimit(2).build();
    List<ScoredPoint> nested = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .addPrefetch(middle).setQuery(QueryFactory.nearest(0.5f, 1f)).setUsing("dense").build()));
    assertThat(ids(nested)).containsExactly(1L, 2L);
    assertScores(nested, 0.5f, 0.4f);
  }

  /**
   * Nearest by point id uses that point's vector of the {@code using} name and leaves the point
   * itself out (collection_query.rs excludes the ids a query refers to); recommend with
   * average_vector searches avg(pos) + avg(pos) - avg(neg) = (1.6, -1) here; best_score ranks
   * by the closest example (a positive one for both candidates here).
   */
  @Test
  void nearestByIdAndRecommend() throws Exception {
    String name = hybridFixture();
    List<ScoredPoint> byId = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.nearest(id(1))).setUsing("dense").setLimit(3).build()));
    assertThat(ids(byId)).containsExactly(2L, 3L, 4L);
    assertScores(byId, 0.8f, 0.5f, 0f);

    List<ScoredPoint> average = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.recommend(io.qdrant.client.grpc.Points.RecommendInput.newBuilder()
            .addPositive(io.qdrant.client.VectorInputFactory.vectorInput(id(2)))
            .addNegative(io.qdrant.client.VectorInputFactory.vectorInput(id(4))).build()))
        .setUsing("dense").build()));
    assertThat(ids(average)).containsExactly(1L, 3L);
    assertScores(average, 1.6f, 0.8f);

    List<ScoredPoint> best = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.recommend(io.qdrant.client.grpc.Points.RecommendInput.newBuilder()
            .addPositive(io.qdrant.client.VectorInputFactory.vectorInput(id(1)))
            .addNegative(io.qdrant.client.VectorInputFactory.vectorInput(id(4)))
            .setStrategy(io.qdrant.client.grpc.Points.RecommendStrategy.BestScore).build()))
        .setUsing("dense").setLimit(2).build()));
    assertThat(ids(best)).containsExactly(2L, 3L);
  }

  /**
   * A query without a query lists points in id order (filtered, paged); order_by needs a
   * range-capable payload index on the key (INVALID_ARGUMENT without), orders ascending unless
   * told, starts from start_from, and reports each point's order_value.
   */
  @Test
  void listingAndOrderBy() throws Exception {
    String name = create(1, Distance.Dot);
    upsert(name, point(1, new float[] {1}, Map.of("price", value(30))), point(2, new float[] {1}, Map.of("price", value(10))),
        point(3, new float[] {1}, Map.of("price", value(20))), point(4, new float[] {1}, Map.of()),
        point(5, new float[] {1}, Map.of("price", value(40))));

    List<ScoredPoint> listed = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setFilter(must(range("price", Range.newBuilder().setGte(15).build()))).setLimit(2).setOffset(1).build()));
    assertThat(ids(listed)).as("1, 3, 5 match; offset 1, limit 2").containsExactly(3L, 5L);
    // lib/collection/src/shards/local_shard/scroll.rs (query_scroll): query-less results score 1.0
    assertThat(listed).extracting(ScoredPoint::getScore).containsExactly(1.0f, 1.0f);
    assertThat(listed).as("no order_value without order_by").allMatch(h -> !h.hasOrderValue());

    assertThat(statusOf(() -> client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.orderBy("price")).build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);

    await(client.createPayloadIndexAsync(name, "price", PayloadSchemaType.Integer, null, true, null, null));
    List<ScoredPoint> ascending = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.orderBy("price")).setLimit(3).build()));
    assertThat(ids(ascending)).containsExactly(2L, 3L, 1L);
    assertThat(ascending).extracting(h -> h.getOrderValue().getInt()).containsExactly(10L, 20L, 30L);
    assertThat(ascending).extracting(ScoredPoint::getScore).containsOnly(1.0f);

    List<ScoredPoint> descending = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName(name)
        .setQuery(QueryFactory.orderBy(io.qdrant.client.grpc.Points.OrderBy.newBuilder().setKey("price")
            .setDirection(io.qdrant.client.grpc.Points.Direction.Desc)
            .setStartFrom(io.qdrant.client.grpc.Points.StartFrom.newBuilder().setInteger(30)).build())).build()));
    assertThat(ids(descending)).as("30 and below, point 4 has no price").containsExactly(1L, 3L, 2L);
  }

  // ---------------------------------------------------------------- filters

  /** Six points whose payloads exercise every kind of condition; vectors are irrelevant. */
  private String filterFixture() throws Exception {
    String name = create(2, Distance.Dot);
    upsert(name,
        point(1, new float[] {1, 0}, payload("city", value("Berlin"), "count", value(1), "flag", value(true),
            "tags", list(List.of(value("a"), value("b"))), "meta", value(Map.of("author", value("ann"))),
            "rating", value(4.5), "created_at", value("2026-01-10T00:00:00Z"),
            "items", list(List.of(value(Map.of("k", value("x"), "n", value(1))),
                value(Map.of("k", value("y"), "n", value(6))))))),
        point(2, new float[] {1, 0}, payload("city", value("London"), "count", value(5), "flag", value(false),
            "tags", list(List.of(value("b"))), "meta", value(Map.of("author", value("bob"))),
            "rating", value(3.0), "created_at", value("2026-01-16T12:00:00Z"),
            "items", list(List.of(value(Map.of("k", value("x"), "n", value(5))))))),
        point(3, new float[] {1, 0}, payload("city", value("Berlin"), "count", value(10), "flag", value(false),
            "tags", list(List.of()), "rating", value(1.5), "created_at", value("2026-02-01"))),
        point(4, new float[] {1, 0}, payload("city", value("Paris"), "count", value(7), "tags", nullValue())),
        point(5, new float[] {1, 0}, Map.of()),
        point(6, new float[] {1, 0}, payload("city", list(List.of(value("Berlin"), value("Paris"))),
            "count", list(List.of(value(2), value(20))))));
    return name;
  }

  @Test
  void matchConditions() throws Exception {
    String name = filterFixture();
    assertThat(matching(name, must(matchKeyword("city", "Berlin")))).containsExactly(1L, 3L, 6L);
    assertThat(matching(name, must(match("count", 5)))).containsExactly(2L);
    assertThat(matching(name, must(match("count", 20)))).as("any array element matches").containsExactly(6L);
    assertThat(matching(name, must(match("flag", true)))).containsExactly(1L);
    assertThat(matching(name, must(match("flag", false)))).containsExactly(2L, 3L);
    assertThat(matching(name, must(matchKeywords("city", List.of("London", "Paris"))))).containsExactly(2L, 4L, 6L);
    assertThat(matching(name, must(matchKeywords("tags", List.of("a"))))).containsExactly(1L);
    assertThat(matching(name, must(matchExceptKeywords("city", List.of("Berlin"))))).containsExactly(2L, 4L, 6L);
  }

  @Test
  void textMatchOnAFieldWithoutTextIndexIsAnExactSubstringMatch() throws Exception {
    // Qdrant docs, Filtering / Full Text Match: without a full-text index on the field the
    // condition is an exact (case-sensitive) substring match (condition_checker.rs, Match::Text).
    String name = filterFixture();
    assertThat(matching(name, must(matchText("city", "erli")))).containsExactly(1L, 3L, 6L);
    assertThat(matching(name, must(matchText("city", "berlin")))).as("case-sensitive").isEmpty();
    assertThat(matching(name, must(matchText("city", "on")))).containsExactly(2L);
  }

  @Test
  void rangeConditions() throws Exception {
    String name = filterFixture();
    assertThat(matching(name, must(range("count", Range.newBuilder().setGte(5).setLt(10).build()))))
        .containsExactly(2L, 4L);
    assertThat(matching(name, must(range("rating", Range.newBuilder().setGt(2.0).build())))).containsExactly(1L, 2L);
    assertThat(matching(name, must(datetimeRange("created_at", DatetimeRange.newBuilder()
        .setGte(ts("2026-01-15T00:00:00Z")).setLt(ts("2026-02-01T00:00:01Z")).build()))))
        .as("RFC 3339 and date-only payload values").containsExactly(2L, 3L);
  }

  @Test
  void idEmptinessAndNullConditions() throws Exception {
    String name = filterFixture();
    assertThat(matching(name, must(hasId(List.of(id(2), id(5), id(99)))))).containsExactly(2L, 5L);
    assertThat(matching(name, must(isEmpty("tags")))).as("[], null and missing are empty").containsExactly(3L, 4L, 5L, 6L);
    assertThat(matching(name, must(isNull("tags")))).as("only an explicit null").containsExactly(4L);
  }

  @Test
  void nestedKeysAndNestedConditions() throws Exception {
    String name = filterFixture();
    assertThat(matching(name, must(matchKeyword("meta.author", "bob")))).containsExactly(2L);
    // flattened: some k is "x" and some n >= 5, not necessarily in the same object
    assertThat(matching(name, must(matchKeyword("items[].k", "x"),
        range("items[].n", Range.newBuilder().setGte(5).build())))).containsExactly(1L, 2L);
    // nested: one object of the array must satisfy both
    assertThat(matching(name, must(nested("items", Filter.newBuilder().addMust(matchKeyword("k", "x"))
        .addMust(range("n", Range.newBuilder().setGte(5).build())).build())))).containsExactly(2L);
  }

  @Test
  void mustShouldMustNotAndMinShould() throws Exception {
    String name = filterFixture();
    assertThat(matching(name, Filter.newBuilder().addMustNot(matchKeyword("city", "Berlin")).build()))
        .containsExactly(2L, 4L, 5L);
    assertThat(matching(name, Filter.newBuilder().addShould(matchKeyword("city", "London"))
        .addShould(match("count", 10)).build())).containsExactly(2L, 3L);
    assertThat(matching(name, Filter.newBuilder().addMust(matchKeyword("city", "Berlin"))
        .addMustNot(match("flag", true)).build())).as("a missing field never matches").containsExactly(3L, 6L);
    assertThat(matching(name, Filter.newBuilder().setMinShould(MinShould.newBuilder()
        .addConditions(matchKeyword("city", "Berlin")).addConditions(match("count", 1))
        .addConditions(match("flag", true)).setMinCount(2)).build())).containsExactly(1L);
    assertThat(matching(name, Filter.newBuilder().addMust(filter(Filter.newBuilder()
        .addShould(match("count", 1)).addShould(match("count", 7)).build())).build())).containsExactly(1L, 4L);
  }

  @Test
  void filteredSearchAndCount() throws Exception {
    String name = filterFixture();
    List<ScoredPoint> hits = await(client.searchAsync(SearchPoints.newBuilder().setCollectionName(name)
        .addAllVector(List.of(1f, 0f)).setLimit(10).setFilter(must(matchKeyword("city", "Berlin"))).build()));
    assertThat(ids(hits)).containsExactlyInAnyOrder(1L, 3L, 6L);

    assertThat(await(client.countAsync(name, must(matchKeyword("city", "Berlin")), true))).isEqualTo(3);
    assertThat(await(client.countAsync(name, Duration.ofSeconds(10)))).isEqualTo(6);
  }

  // ---------------------------------------------------------------- reads

  @Test
  void payloadIncludeAndExclude() throws Exception {
    String name = create(1, Distance.Dot);
    upsert(name, point(1, new float[] {1}, payload("a", value(1), "b", value(Map.of("c", value(2), "d", value(3))),
        "e", value("x"))));

    Map<String, Value> expected = payload("b", value(Map.of("c", value(2))), "e", value("x"));
    RetrievedPoint included = await(client.retrieveAsync(GetPoints.newBuilder().setCollectionName(name).addIds(id(1))
        .setWithPayload(WithPayloadSelectorFactory.include(List.of("b.c", "e"))).build(), null)).get(0);
    assertThat(included.getPayloadMap()).isEqualTo(expected);

    RetrievedPoint excluded = await(client.retrieveAsync(GetPoints.newBuilder().setCollectionName(name).addIds(id(1))
        .setWithPayload(WithPayloadSelectorFactory.exclude(List.of("b.d", "a"))).build(), null)).get(0);
    assertThat(excluded.getPayloadMap()).isEqualTo(expected);
  }

  @Test
  void getReturnsRequestedOrderSkipsMissingAndOmitsPayloadByDefault() throws Exception {
    String name = create(1, Distance.Dot);
    upsert(name, point(1, new float[] {1}, Map.of("k", value(1))), point(2, new float[] {2}, Map.of("k", value(2))));

    List<RetrievedPoint> points = get(name, List.of(id(2), id(7), id(1)), false, false);

    assertThat(points).extracting(p -> p.getId().getNum()).containsExactly(2L, 1L);
    assertThat(points.get(0).getPayloadMap()).isEmpty();
    assertThat(get(name, List.of(id(2)), true, false).get(0).getPayloadMap()).containsEntry("k", value(2));
  }

  @Test
  void scrollPagesInIdOrderWithNextOffsets() throws Exception {
    String name = create(1, Distance.Dot);
    List<PointStruct> points = new ArrayList<>();
    for (int i = 25; i >= 1; i--) {
      points.add(point(i, new float[] {i}, Map.of("parity", value(i % 2 == 0 ? "even" : "odd"))));
    }
    upsert(name, points.toArray(PointStruct[]::new));

    ScrollResponse first = scroll(name, null, 10, null);
    assertThat(scrolledIds(first)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(first.getNextPageOffset().getNum()).isEqualTo(11);
    assertThat(first.getResult(0).getPayloadMap()).as("scroll returns payload by default").containsKey("parity");
    ScrollResponse second = scroll(name, first.getNextPageOffset(), 10, null);
    assertThat(scrolledIds(second)).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    ScrollResponse third = scroll(name, second.getNextPageOffset(), 10, null);
    assertThat(scrolledIds(third)).containsExactly(21L, 22L, 23L, 24L, 25L);
    assertThat(third.hasNextPageOffset()).isFalse();

    ScrollResponse evens = scroll(name, null, 5, must(matchKeyword("parity", "even")));
    assertThat(scrolledIds(evens)).containsExactly(2L, 4L, 6L, 8L, 10L);
    assertThat(evens.getNextPageOffset().getNum()).isEqualTo(12);
  }

  @Test
  void numericIdsSortBeforeUuids() throws Exception {
    String name = create(1, Distance.Dot);
    UUID one = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID two = UUID.fromString("00000000-0000-0000-0000-000000000002");
    upsert(name, point(id(two), new float[] {1}, Map.of()), point(id(10), new float[] {1}, Map.of()),
        point(id(one), new float[] {1}, Map.of()), point(id(3), new float[] {1}, Map.of()));

    List<String> order = new ArrayList<>();
    for (RetrievedPoint p : scroll(name, null, 10, null).getResultList()) {
      order.add(p.getId().hasUuid() ? p.getId().getUuid() : Long.toString(p.getId().getNum()));
    }
    assertThat(order).containsExactly("3", "10", one.toString(), two.toString());
  }

  // ---------------------------------------------------------------- writes

  @Test
  void upsertOverwritesAndDeleteRemovesByIdsAndFilter() throws Exception {
    String name = create(1, Distance.Dot);
    upsert(name, point(1, new float[] {1}, Map.of("g", value("a"))), point(2, new float[] {2}, Map.of("g", value("a"))),
        point(3, new float[] {3}, Map.of("g", value("b"))));
    upsert(name, point(1, new float[] {9}, Map.of("g", value("z"))));

    RetrievedPoint one = get(name, List.of(id(1)), true, true).get(0);
    assertThat(one.getPayloadMap()).isEqualTo(Map.of("g", value("z")));
    assertThat(one.getVectors().getVector().getDense().getDataList()).containsExactly(9f);

    await(client.deleteAsync(name, List.of(id(1), id(42))));
    assertThat(await(client.countAsync(name, Duration.ofSeconds(10)))).isEqualTo(2);
    await(client.deleteAsync(name, must(matchKeyword("g", "b"))));
    assertThat(scrolledIds(scroll(name, null, 10, null))).containsExactly(2L);
  }

  @Test
  void payloadUpdates() throws Exception {
    String name = create(1, Distance.Dot);
    upsert(name, point(1, new float[] {1}, payload("a", value(1), "b", value(2), "m", value(Map.of("x", value(1))))));

    await(client.setPayloadAsync(name, payload("b", value(20), "c", value(3), "a", nullValue()), id(1), true, null, null));
    assertThat(payloadOf(name, 1)).as("merge; a null value removes the key")
        .isEqualTo(payload("b", value(20), "m", value(Map.of("x", value(1))), "c", value(3)));

    await(client.setPayloadAsync(SetPayloadPoints.newBuilder().setCollectionName(name).setWait(true)
        .putAllPayload(Map.of("y", value(2))).setKey("m").setPointsSelector(ids(1)).build(), null));
    assertThat(payloadOf(name, 1).get("m")).isEqualTo(value(Map.of("x", value(1), "y", value(2))));

    await(client.deletePayloadAsync(name, List.of("m.x", "c"), id(1), true, null, null));
    assertThat(payloadOf(name, 1)).isEqualTo(payload("b", value(20), "m", value(Map.of("y", value(2)))));

    await(client.overwritePayloadAsync(name, Map.of("only", value("this")), id(1), true, null, null));
    assertThat(payloadOf(name, 1)).isEqualTo(Map.of("only", value("this")));

    await(client.clearPayloadAsync(name, id(1), true, null, null));
    assertThat(payloadOf(name, 1)).isEmpty();

    assertThat(statusOf(() -> client.setPayloadAsync(name, Map.of("k", value(1)), id(77), true, null, null)))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  // ---------------------------------------------------------------- errors

  @Test
  void errorsCarryQdrantStatusCodes() throws Exception {
    String missing = prefix + "_missing";
    assertThat(statusOf(() -> client.upsertAsync(missing, List.of(point(1, new float[] {1, 2}, Map.of())))))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(statusOf(() -> client.searchAsync(SearchPoints.newBuilder().setCollectionName(missing)
        .addAllVector(List.of(1f, 2f)).setLimit(1).build()))).isEqualTo(Status.Code.NOT_FOUND);

    String name = create(2, Distance.Cosine);
    assertThat(statusOf(() -> client.upsertAsync(name, List.of(point(1, new float[] {1, 2, 3}, Map.of())))))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(statusOf(() -> client.searchAsync(SearchPoints.newBuilder().setCollectionName(name)
        .addAllVector(List.of(1f)).setLimit(1).build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(await(client.countAsync(name, Duration.ofSeconds(10)))).as("a rejected upsert stores nothing").isZero();
  }

  @Test
  void healthCheckAnswersWithTitleAndVersion() throws Exception {
    var reply = await(client.healthCheckAsync());
    assertThat(reply.getTitle()).isNotBlank();
    assertThat(reply.getVersion()).isNotBlank();
  }

  // ---------------------------------------------------------------- helpers

  private String create(int size, Distance distance) throws Exception {
    String name = prefix + "_" + created.size();
    await(client.createCollectionAsync(name, params(size, distance)));
    created.add(name);
    return name;
  }

  /** Named dense vectors: "image" (2-d, Dot) and "text" (2-d, Cosine). */
  private String createNamed() throws Exception {
    String name = prefix + "_" + created.size();
    await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(name)
        .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(io.qdrant.client.grpc.Collections.VectorParamsMap
            .newBuilder().putMap("image", params(2, Distance.Dot)).putMap("text", params(2, Distance.Cosine))))
        .build()));
    created.add(name);
    return name;
  }

  /** One sparse vector "terms", with the IDF modifier or without, and no dense vector. */
  private String createSparse(boolean idf) throws Exception {
    String name = prefix + "_" + created.size();
    io.qdrant.client.grpc.Collections.SparseVectorParams.Builder terms =
        io.qdrant.client.grpc.Collections.SparseVectorParams.newBuilder();
    if (idf) {
      terms.setModifier(io.qdrant.client.grpc.Collections.Modifier.Idf);
    }
    await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(name)
        .setSparseVectorsConfig(io.qdrant.client.grpc.Collections.SparseVectorConfig.newBuilder().putMap("terms",
            terms.build())).build()));
    created.add(name);
    return name;
  }

  private static io.qdrant.client.grpc.Points.Vector dense(float... values) {
    return io.qdrant.client.VectorFactory.vector(values);
  }

  private static io.qdrant.client.grpc.Points.Vector sparse(int[] indices, float... values) {
    List<Integer> idx = new ArrayList<>();
    for (int i : indices) {
      idx.add(i);
    }
    List<Float> val = new ArrayList<>();
    for (float v : values) {
      val.add(v);
    }
    return io.qdrant.client.VectorFactory.vector(val, idx);
  }

  private static PointStruct namedPoint(long id, Map<String, io.qdrant.client.grpc.Points.Vector> vectors) {
    return PointStruct.newBuilder().setId(id(id)).setVectors(io.qdrant.client.VectorsFactory.namedVectors(vectors))
        .build();
  }

  private static PointStruct hybridPoint(long id, io.qdrant.client.grpc.Points.Vector dense,
      io.qdrant.client.grpc.Points.Vector sparse, String group) {
    return PointStruct.newBuilder().setId(id(id))
        .setVectors(io.qdrant.client.VectorsFactory.namedVectors(Map.of("dense", dense, "sparse", sparse)))
        .putPayload("group", value(group)).build();
  }

  private static VectorParams params(int size, Distance distance) {
    return VectorParams.newBuilder().setSize(size).setDistance(distance).build();
  }

  private static PointStruct point(long id, float[] vector, Map<String, Value> payload) {
    return point(id(id), vector, payload);
  }

  private static PointStruct point(PointId id, float[] vector, Map<String, Value> payload) {
    return PointStruct.newBuilder().setId(id).setVectors(vectors(vector)).putAllPayload(payload).build();
  }

  private static Map<String, Value> payload(Object... kv) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], (Value) kv[i + 1]);
    }
    return out;
  }

  private void upsert(String name, PointStruct... points) throws Exception {
    await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(name).setWait(true)
        .addAllPoints(List.of(points)).build()));
  }

  private List<ScoredPoint> search(String name, float[] vector, int limit, Float threshold) throws Exception {
    SearchPoints.Builder b = SearchPoints.newBuilder().setCollectionName(name).setLimit(limit);
    for (float f : vector) {
      b.addVector(f);
    }
    if (threshold != null) {
      b.setScoreThreshold(threshold);
    }
    return await(client.searchAsync(b.build()));
  }

  private List<RetrievedPoint> get(String name, List<PointId> ids, boolean payload, boolean vectors) throws Exception {
    return await(client.retrieveAsync(GetPoints.newBuilder().setCollectionName(name).addAllIds(ids)
        .setWithPayload(WithPayloadSelectorFactory.enable(payload))
        .setWithVectors(WithVectorsSelectorFactory.enable(vectors)).build(), null));
  }

  private Map<String, Value> payloadOf(String name, long id) throws Exception {
    return get(name, List.of(id(id)), true, false).get(0).getPayloadMap();
  }

  private ScrollResponse scroll(String name, PointId offset, int limit, Filter filter) throws Exception {
    ScrollPoints.Builder b = ScrollPoints.newBuilder().setCollectionName(name).setLimit(limit);
    if (offset != null) {
      b.setOffset(offset);
    }
    if (filter != null) {
      b.setFilter(filter);
    }
    return await(client.scrollAsync(b.build()));
  }

  private List<Long> matching(String name, Filter filter) throws Exception {
    List<Long> out = scrolledIds(scroll(name, null, 100, filter));
    long counted = await(client.countAsync(name, filter, true));
    assertThat(counted).as("count agrees with scroll").isEqualTo(out.size());
    return out;
  }

  private static Filter must(Condition... conditions) {
    return Filter.newBuilder().addAllMust(List.of(conditions)).build();
  }

  private static PointsSelector ids(long... ids) {
    PointsIdsList.Builder b = PointsIdsList.newBuilder();
    for (long i : ids) {
      b.addIds(id(i));
    }
    return PointsSelector.newBuilder().setPoints(b).build();
  }

  private static Timestamp ts(String iso) {
    Instant i = Instant.parse(iso);
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  private static List<Long> ids(List<ScoredPoint> hits) {
    return hits.stream().map(h -> h.getId().getNum()).toList();
  }

  private static List<Long> scrolledIds(ScrollResponse r) {
    return r.getResultList().stream().map(p -> p.getId().getNum()).toList();
  }

  private static void assertScores(List<ScoredPoint> hits, float... expected) {
    assertThat(hits).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(hits.get(i).getScore()).as("score of hit %d", i).isCloseTo(expected[i], within(EPS));
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  /** The status code a call failed with; fails the test when it succeeded. */
  private static Status.Code statusOf(ThrowingCall call) {
    try {
      call.run().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException s) {
        return s.getStatus().getCode();
      }
      throw new AssertionError("expected a gRPC status, got " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the call to fail");
  }

  @FunctionalInterface
  private interface ThrowingCall {
    Future<?> run() throws Exception;
  }
}
