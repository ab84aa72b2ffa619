package dev.citadel.qdrant.local;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.ConditionFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchParams;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HNSW index on 20,000 clustered 128-d Cosine points loaded in batches (so the graph is
 * first built, then extended while points keep arriving): recall@10 against a double-precision
 * brute force computed here, filtered search (through the graph and, for a selective filter,
 * exact), {@code exact=true}, deletes and updates (tombstones, then a rebuild), and the graph
 * rebuilt after a persistent server restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HnswIndexIT {
  private static final int N = 20_000;
  private static final int DIM = 128;
  private static final int QUERIES = 40;
  private static final double MIN_RECALL = 0.95;

  private final float[][] data = new float[N][];
  private final float[][] queries = new float[QUERIES][];
  private QdrantLocalServer server;
  private QdrantClient client;

  @BeforeAll
  void load() throws Exception {
    Random random = new Random(7);
    float[][] centroids = new float[200][];
    for (int c = 0; c < centroids.length; c++) {
      centroids[c] = gaussian(random, 1.0);
    }
    for (int i = 0; i < N; i++) {
      data[i] = add(centroids[random.nextInt(centroids.length)], gaussian(random, 0.35));
    }
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = add(centroids[random.nextInt(centroids.length)], gaussian(random, 0.35));
    }
    server = QdrantLocalServer.start(0);
    client = new QdrantClient(QdrantGrpcClient.newBuilder(server.host(), server.port(), false, false).build());
    // indexing from 1000 KB (= 2000 128-d vectors), graph search above 100 KB (200 vectors) of candidates
    await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName("c")
        .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(DIM)
            .setDistance(Distance.Cosine)))
        .setHnswConfig(HnswConfigDiff.newBuilder().setM(16).setEfConstruct(100).setFullScanThreshold(100))
        .setOptimizersConfig(OptimizersConfigDiff.newBuilder().setIndexingThreshold(1000)).build()));
    for (int start = 0; start < N; start += 2_000) {
      List<PointStruct> batch = new ArrayList<>();
      for (int i = start; i < start + 2_000; i++) {
        batch.add(PointStruct.newBuilder().setId(id(i)).setVectors(vectors(data[i]))
            .putPayload("bucket", value(i % 10)).build());
      }
      await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("c").setWait(true).addAllPoints(batch)
          .build()));
    }
    awaitIndexed("c", N);
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void recallAtTenIsAtLeastNinetyFivePercentAndExactIsExact() throws Exception {
    double recall = 0;
    for (float[] q : queries) {
      List<Integer> truth = bruteForce(q, 10, i -> true);
      recall += overlap(ids(search("c", q, 10, null, null)), truth) / 10.0;
      List<ScoredPoint> exact = search("c", q, 10, null, SearchParams.newBuilder().setExact(true).build());
      assertThat(ids(exact)).as("exact=true is the brute force").containsExactlyElementsOf(truth);
      for (int i = 0; i < exact.size(); i++) {
        assertThat((double) exact.get(i).getScore()).isCloseTo(cosine(data[truth.get(i)], q),
            org.assertj.core.data.Offset.offset(1e-4));
      }
    }
    assertThat(recall / QUERIES).as("recall@10 of the graph").isGreaterThanOrEqualTo(MIN_RECALL);
  }

  @Test
  void filteredSearchGoesThroughTheGraphOrExactWhenSelective() throws Exception {
    Filter bucket3 = Filter.newBuilder().addMust(ConditionFactory.match("bucket", 3)).build();
    double recall = 0;
    for (float[] q : queries) {
      List<ScoredPoint> hits = search("c", q, 10, bucket3, null);
      assertThat(ids(hits)).allMatch(i -> i % 10 == 3);
      recall += overlap(ids(hits), bruteForce(q, 10, i -> i % 10 == 3)) / 10.0;
    }
    assertThat(recall / QUERIES).as("recall@10 with a 10% filter").isGreaterThanOrEqualTo(MIN_RECALL);

    // 50 points: fewer than the full-scan threshold, so searched exactly
    List<io.qdrant.client.grpc.Common.PointId> few = IntStream.range(0, 50).mapToObj(i -> id(i * 397L)).toList();
    Set<Integer> fewIds = new HashSet<>(IntStream.range(0, 50).map(i -> i * 397).boxed().toList());
    Filter selective = Filter.newBuilder().addMust(ConditionFactory.hasId(few)).build();
    for (float[] q : queries) {
      assertThat(ids(search("c", q, 10, selective, null))).containsExactlyElementsOf(bruteForce(q, 10, fewIds::contains));
    }
  }

  @Test
  void deletesAndUpdatesAreNeverStaleAndTheGraphIsRebuilt() throws Exception {
    int n = N / 2;
    String name = "deletes";
    await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(name)
        .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(DIM)
            .setDistance(Distance.Cosine)))
        .setHnswConfig(HnswConfigDiff.newBuilder().setFullScanThreshold(100))
        .setOptimizersConfig(OptimizersConfigDiff.newBuilder().setIndexingThreshold(1000)).build()));
    List<PointStruct> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(PointStruct.newBuilder().setId(id(i)).setVectors(vectors(data[i])).putPayload("bucket", value(i % 10))
          .build());
    }
    for (int start = 0; start < n; start += 2_500) {
      await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(name).setWait(true)
          .addAllPoints(all.subList(start, start + 2_500)).build()));
    }
    awaitIndexed(name, n);

    // point 5 moved onto the first query: the best answer from now on (its graph node is now stale)
    await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(name).setWait(true)
        .addPoints(PointStruct.newBuilder().setId(id(5)).setVectors(vectors(queries[0]))
            .putPayload("bucket", value(5))).build()));
    // 30% deleted: beyond the 20% of tombstones that makes the graph rebuild (in the background)
    await(client.deleteAsync(name, Filter.newBuilder().addShould(ConditionFactory.match("bucket", 0))
        .addShould(ConditionFactory.match("bucket", 1)).addShould(ConditionFactory.match("bucket", 2)).build()));
    assertSearchAfterChanges(name, n);

    awaitIndexed(name, n * 7 / 10);
    assertSearchAfterChanges(name, n);
  }

  private void assertSearchAfterChanges(String name, int n) throws Exception {
    List<ScoredPoint> top = search(name, queries[0], 10, null, null);
    assertThat(top.get(0).getId().getNum()).isEqualTo(5L);
    assertThat(top.get(0).getScore()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    double recall = 0;
    for (float[] q : queries) {
      List<Integer> hits = ids(search(name, q, 10, null, null));
      assertThat(hits).as("no deleted point comes back").allMatch(i -> i % 10 >= 3);
      List<Integer> truth = bruteForce(q, 10, i -> i < n && i % 10 >= 3 && i != 5);
      recall += overlap(hits.stream().filter(i -> i != 5).toList(), truth) / (double) Math.min(10, hits.size());
    }
    assertThat(recall / QUERIES).isGreaterThanOrEqualTo(MIN_RECALL);
  }

  /** Regression: a last batch smaller than the incremental threshold used to stay outside the graph for good. */
  @Test
  void aSmallTailOfWritesIsIndexedOnceWritesPause() throws Exception {
    await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName("tail")
        .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(DIM)
            .setDistance(Distance.Cosine)))
        .setOptimizersConfig(OptimizersConfigDiff.newBuilder().setIndexingThreshold(1000)).build()));
    List<PointStruct> points = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      points.add(PointStruct.newBuilder().setId(id(i)).setVectors(vectors(data[i])).build());
    }
    await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("tail").setWait(true)
        .addAllPoints(points.subList(0, 2_990)).build()));
    awaitIndexed("tail", 2_990);
    await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("tail").setWait(true)
        .addAllPoints(points.subList(2_990, 3_000)).build()));
    awaitIndexed("tail", 3_000);
  }

  @Test
  void thePersistentServerRebuildsItsGraphOnLoad(@TempDir Path dir) throws Exception {
    int n = 3_000;
    CreateCollection small = CreateCollection.newBuilder().setCollectionName("kept")
        .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(DIM)
            .setDistance(Distance.Cosine)))
        .setOptimizersConfig(OptimizersConfigDiff.newBuilder().setIndexingThreshold(500)).build();
    try (QdrantLocalServer persistent = QdrantLocalServer.start(dir, 0); QdrantClient c = clientOf(persistent)) {
      await(c.createCollectionAsync(small));
      List<PointStruct> points = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        points.add(PointStruct.newBuilder().setId(id(i)).setVectors(vectors(data[i])).build());
      }
      await(c.upsertAsync(UpsertPoints.newBuilder().setCollectionName("kept").setWait(true).addAllPoints(points)
          .build()));
    }
    try (QdrantLocalServer persistent = QdrantLocalServer.start(dir, 0); QdrantClient c = clientOf(persistent)) {
      Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
          .until(() -> await(c.getCollectionInfoAsync("kept")).getIndexedVectorsCount() == n);
      assertThat(await(c.countAsync("kept"))).isEqualTo(n);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Until no graph build runs (status Green) and the graph covers {@code count} points. */
  private void awaitIndexed(String collection, long count) {
    Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
      var info = await(client.getCollectionInfoAsync(collection));
      return info.getStatus() == io.qdrant.client.grpc.Collections.CollectionStatus.Green
          && info.getIndexedVectorsCount() == count;
    });
  }

  private List<ScoredPoint> search(String collection, float[] q, int limit, Filter filter, SearchParams params)
      throws Exception {
    SearchPoints.Builder b = SearchPoints.newBuilder().setCollectionName(collection).setLimit(limit);
    for (float f : q) {
      b.addVector(f);
    }
    if (filter != null) {
      b.setFilter(filter);
    }
    if (params != null) {
      b.setParams(params);
    }
    return await(client.searchAsync(b.build()));
  }

  private List<Integer> bruteForce(float[] q, int k, java.util.function.IntPredicate keep) {
    return IntStream.range(0, N).filter(keep).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -cosine(data[i], q)).thenComparing(i -> i)).limit(k).toList();
  }

  private static long overlap(List<Integer> found, List<Integer> truth) {
    return found.stream().filter(truth::contains).count();
  }

  private static List<Integer> ids(List<ScoredPoint> hits) {
    return hits.stream().map(h -> (int) h.getId().getNum()).toList();
  }

  private static float[] gaussian(Random random, double sigma) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) (random.nextGaussian() * sigma);
    }
    return v;
  }

  private static float[] add(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na) / Math.sqrt(nb);
  }

  private static QdrantClient clientOf(QdrantLocalServer s) {
    return new QdrantClient(QdrantGrpcClient.newBuilder(s.host(), s.port(), false, false).build());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS);
  }
}
