package dev.citadel.qdrant.local;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.ConditionFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.MultiVectorConfig;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RecommendPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.SnapshotsService.ListSnapshotsRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the local server has: UNIMPLEMENTED answers, API key checks, persistence, stop and
 * restart on the same port, the command line, and exact search staying correct at 100k points.
 */
class QdrantLocalServerIT {

  @Test
  void rpcsAndFeaturesItDoesNotImplementAnswerUnimplemented() throws Exception {
    try (QdrantLocalServer server = QdrantLocalServer.start(0); QdrantClient client = client(server, null)) {
      await(client.createCollectionAsync("c", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build()));
      await(client.upsertAsync("c", List.of(point(1, 1, 0))));

      assertUnimplemented(() -> client.recommendAsync(RecommendPoints.newBuilder().setCollectionName("c")
          .addPositive(id(1)).setLimit(1).build()));
      assertUnimplemented(() -> client.updateCollectionAsync(UpdateCollection.newBuilder().setCollectionName("c").build()));
      assertUnimplemented(() -> client.grpcClient().snapshots().list(
          ListSnapshotsRequest.newBuilder().setCollectionName("c").build()));
      assertUnimplemented(() -> client.searchAsync(SearchPoints.newBuilder().setCollectionName("c").addVector(1)
          .addVector(0).setLimit(1).setFilter(Filter.newBuilder()
              .addMust(ConditionFactory.geoRadius("loc", 0, 0, 10))).build()));
      assertUnimplemented(() -> client.scrollAsync(ScrollPoints.newBuilder().setCollectionName("c")
          .setFilter(Filter.newBuilder().addMust(ConditionFactory.matchText("t", "word"))).build()));
      assertUnimplemented(() -> client.scrollAsync(ScrollPoints.newBuilder().setCollectionName("c")
          .setOrderBy(OrderBy.newBuilder().setKey("n")).build()));
      assertUnimplemented(() -> client.queryAsync(QueryPoints.newBuilder().setCollectionName("c")
          .addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1f, 0f)))
          .setQuery(QueryFactory.sample(io.qdrant.client.grpc.Points.Sample.Random)).build()));
      assertUnimplemented(() -> client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName("multi")
          .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
              .putMap("colbert", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot)
                  .setMultivectorConfig(MultiVectorConfig.getDefaultInstance()).build()))).build()));
      assertThat(await(client.collectionExistsAsync("multi"))).isFalse();
    }
  }

  @Test
  void anApiKeyIsRequiredExceptForHealthChecks() throws Exception {
    String key = "test-key-" + System.nanoTime();
    try (QdrantLocalServer server = QdrantLocalServer.builder().apiKey(key).start();
        QdrantClient anonymous = client(server, null);
        QdrantClient wrong = client(server, "not-" + key);
        QdrantClient keyed = client(server, key)) {
      assertThat(await(anonymous.healthCheckAsync()).getVersion()).isNotBlank();
      assertThat(statusOf(() -> anonymous.listCollectionsAsync())).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(statusOf(() -> wrong.listCollectionsAsync())).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(await(keyed.listCollectionsAsync())).isEmpty();
      assertThat(server.toString()).doesNotContain(key);
    }
  }

  @Test
  void aPersistentServerReplaysItsDataAfterClose(@TempDir Path dir) throws Exception {
    try (QdrantLocalServer server = QdrantLocalServer.start(dir, 0); QdrantClient client = client(server, null)) {
      await(client.createCollectionAsync("kept", VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine).build()));
      await(client.upsertAsync("kept", List.of(point(1, 3, 4), point(2, 1, 0), point(3, 0, 1))));
      await(client.setPayloadAsync("kept", Map.of("k", value("v")), id(1), true, null, null));
      await(client.deleteAsync("kept", List.of(id(3))));
      await(client.createPayloadIndexAsync("kept", "k", PayloadSchemaType.Keyword, null, true, null, null));
      await(client.createCollectionAsync("dropped", VectorParams.newBuilder().setSize(1).setDistance(Distance.Dot).build()));
      await(client.deleteCollectionAsync("dropped"));
    }

    try (QdrantLocalServer server = QdrantLocalServer.start(dir, 0); QdrantClient client = client(server, null)) {
      assertThat(await(client.listCollectionsAsync())).containsExactly("kept");
      assertThat(await(client.countAsync("kept"))).isEqualTo(2);
      assertThat(await(client.getCollectionInfoAsync("kept")).getPayloadSchemaMap()).containsKey("k");
      List<ScoredPoint> hits = await(client.searchAsync(SearchPoints.newBuilder().setCollectionName("kept")
          .addVector(1).addVector(0).setLimit(1).setWithPayload(io.qdrant.client.WithPayloadSelectorFactory.enable(true))
          .setFilter(Filter.newBuilder().addMust(ConditionFactory.matchKeyword("k", "v"))).build()));
      assertThat(hits).singleElement().satisfies(h -> assertThat(h.getScore()).isCloseTo(0.6f,
          org.assertj.core.data.Offset.offset(1e-5f)));
    }
  }

  /** Named dense and sparse vectors go through the operation log and its compaction unchanged. */
  @Test
  void namedAndSparseVectorsArePersisted(@TempDir Path dir) throws Exception {
    CreateCollection hybrid = CreateCollection.newBuilder().setCollectionName("hybrid")
        .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
            .putMap("dense", VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine).build())))
        .setSparseVectorsConfig(io.qdrant.client.grpc.Collections.SparseVectorConfig.newBuilder().putMap("sparse",
            io.qdrant.client.grpc.Collections.SparseVectorParams.newBuilder()
                .setModifier(io.qdrant.client.grpc.Collections.Modifier.Idf).build())).build();
    try (QdrantLocalServer server = QdrantLocalServer.start(dir, 0); QdrantClient client = client(server, null)) {
      await(client.createCollectionAsync(hybrid));
      await(client.upsertAsync("hybrid", List.of(
          PointStruct.newBuilder().setId(id(1)).setVectors(io.qdrant.client.VectorsFactory.namedVectors(Map.of(
              "dense", io.qdrant.client.VectorFactory.vector(3f, 4f),
              "sparse", io.qdrant.client.VectorFactory.vector(List.of(1f, 2f), List.of(7, 9))))).build(),
          PointStruct.newBuilder().setId(id(2)).setVectors(io.qdrant.client.VectorsFactory.namedVectors(Map.of(
              "sparse", io.qdrant.client.VectorFactory.vector(List.of(5f), List.of(9))))).build())));
    }
    try (QdrantLocalServer server = QdrantLocalServer.start(dir, 0); QdrantClient client = client(server, null)) {
      var info = await(client.getCollectionInfoAsync("hybrid"));
      assertThat(info.getConfig().getParams().getSparseVectorsConfig().getMapMap()).containsKey("sparse");
      var points = await(client.retrieveAsync("hybrid", List.of(id(1), id(2)), false, true, null));
      var one = points.get(0).getVectors().getVectors().getVectorsMap();
      assertThat(one.get("dense").getDense().getDataList()).containsExactly(0.6f, 0.8f);
      assertThat(one.get("sparse").getSparse().getIndicesList()).containsExactly(7, 9);
      assertThat(points.get(1).getVectors().getVectors().getVectorsMap()).containsOnlyKeys("sparse");
      // idf: N = 2, index 9 in both: ln(1 + 0.5 / 2.5); the query weight 1 times that, times 5 for p2
      List<ScoredPoint> hits = await(client.queryAsync(QueryPoints.newBuilder().setCollectionName("hybrid")
          .setQuery(QueryFactory.nearest(List.of(1f), List.of(9))).setUsing("sparse").build()));
      double idf = Math.log(1 + 0.5 / 2.5);
      assertThat(hits).extracting(h -> h.getId().getNum()).containsExactly(2L, 1L);
      assertThat((double) hits.get(0).getScore()).isCloseTo(5 * idf, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void stopAndRestartServeTheSameDataOnTheSamePort() throws Exception {
    try (QdrantLocalServer server = QdrantLocalServer.start(0); QdrantClient client = client(server, null)) {
      int port = server.port();
      await(client.createCollectionAsync("c", VectorParams.newBuilder().setSize(1).setDistance(Distance.Dot).build()));
      await(client.upsertAsync("c", List.of(PointStruct.newBuilder().setId(id(1)).setVectors(vectors(1f)).build())));

      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThat(statusOf(() -> client.countAsync("c"))).isEqualTo(Status.Code.UNAVAILABLE);

      server.restart();
      assertThat(server.port()).isEqualTo(port);
      // the client's channel reconnects on its own schedule; the data must be there once it has
      client.grpcClient().channel().resetConnectBackoff();
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .untilAsserted(() -> assertThat(await(client.countAsync("c"))).isEqualTo(1));
    }
  }

  /**
   * Exact search stays exact at 100,000 points: top-10 ids and scores equal a reference computed
   * here in double precision. 16 dimensions keep the test fast on shared CI cores: the scan, the
   * heap and the filter do not depend on the dimension (768-d at 100k is the benchmark's job).
   */
  @Test
  void searchIsExactAtOneHundredThousandPoints() throws Exception {
    int n = 100_000;
    int dim = 16;
    Random random = new Random(42);
    float[][] data = new float[n][dim];
    for (float[] v : data) {
      for (int i = 0; i < dim; i++) {
        v[i] = (float) random.nextGaussian();
      }
    }
    try (QdrantLocalServer server = QdrantLocalServer.start(0); QdrantClient client = client(server, null)) {
      await(client.createCollectionAsync("big", VectorParams.newBuilder().setSize(dim).setDistance(Distance.Cosine).build()));
      for (int start = 0; start < n; start += 2_000) {
        List<PointStruct> batch = new ArrayList<>();
        for (int i = start; i < start + 2_000; i++) {
          batch.add(PointStruct.newBuilder().setId(id(i)).setVectors(vectors(data[i]))
              .putPayload("bucket", value(i % 10)).build());
        }
        await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("big").setWait(true).addAllPoints(batch)
            .build()));
      }
      assertThat(await(client.countAsync("big"))).isEqualTo(n);

      for (int q = 0; q < 3; q++) {
        float[] query = new float[dim];
        for (int i = 0; i < dim; i++) {
          query[i] = (float) random.nextGaussian();
        }
        boolean filtered = q == 2;
        List<Integer> expected = topByCosine(data, query, 10, filtered ? 3 : -1);
        SearchPoints.Builder search = SearchPoints.newBuilder().setCollectionName("big").setLimit(10);
        for (float f : query) {
          search.addVector(f);
        }
        if (filtered) {
          search.setFilter(Filter.newBuilder().addMust(ConditionFactory.match("bucket", 3)));
        }
        List<ScoredPoint> hits = await(client.searchAsync(search.build()));
        assertThat(hits).extracting(h -> (int) h.getId().getNum()).as("query %d", q).containsExactlyElementsOf(expected);
        for (int i = 0; i < hits.size(); i++) {
          assertThat((double) hits.get(i).getScore()).isCloseTo(cosine(data[expected.get(i)], query),
              org.assertj.core.data.Offset.offset(1e-4));
        }
      }
    }
  }

  @Test
  void theServerJarRunsFromTheCommandLine(@TempDir Path dir) throws Exception {
    Path jar = serverJar();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "--port", Integer.toString(port), "--data-dir", dir.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      String listening = null;
      while ((line = out.readLine()) != null) {
        if (line.contains("listening on")) {
          listening = line;
          break;
        }
      }
      assertThat(listening).as("the server's start line").contains("127.0.0.1:" + port);
      try (QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", port, false, false).build())) {
        assertThat(await(client.healthCheckAsync()).getTitle()).contains("Qdrant-compatible");
        await(client.createCollectionAsync("cli", VectorParams.newBuilder().setSize(1).setDistance(Distance.Dot).build()));
        assertThat(await(client.listCollectionsAsync())).containsExactly("cli");
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
    }
    assertThat(Files.readAllBytes(dir.resolve("operations.log"))).as("the data directory was written").isNotEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static Path serverJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().endsWith("-standalone.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("target/*-standalone.jar is missing: run the ITs with `mvn verify`,"
              + " which packages the jar before the integration tests"));
    }
  }

  private static List<Integer> topByCosine(float[][] data, float[] query, int k, int bucket) {
    return IntStream.range(0, data.length).filter(i -> bucket < 0 || i % 10 == bucket).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -cosine(data[i], query))).limit(k).toList();
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

  private static QdrantClient client(QdrantLocalServer server, String apiKey) {
    QdrantGrpcClient.Builder b = QdrantGrpcClient.newBuilder(server.host(), server.port(), false, false);
    if (apiKey != null) {
      b.withApiKey(apiKey);
    }
    return new QdrantClient(b.build());
  }

  private static PointStruct point(long id, float x, float y) {
    return PointStruct.newBuilder().setId(id(id)).setVectors(vectors(x, y)).build();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS);
  }

  private static void assertUnimplemented(Call call) {
    assertThat(statusOf(call)).isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  private static Status.Code statusOf(Call call) {
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
  private interface Call {
    Future<?> run() throws Exception;
  }
}
