package dev.citadel.client.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.vector.support.VectorTestConfigs;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** The helpers end to end over gRPC against the test kit's Qdrant, with hand-computed results. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitadelVectorsIT {
  private static final float EPS = 1e-5f;
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final UUID FILE_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID FILE_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  private final CountingMetrics metrics = new CountingMetrics();
  private final QdrantServer server = CitadelTestKit.qdrant();
  private CitadelVectors vectors;
  private String name;

  @BeforeAll
  void start() {
    vectors = CitadelVectors.create(VectorTestConfigs.vectors(VectorTestConfigs.qdrant(server)
        .upsertBatchSize(7).upsertParallelism(3).build()), metrics);
  }

  @AfterAll
  void stop() {
    vectors.close();
  }

  @BeforeEach
  void name(TestInfo info) {
    // unique per run: an external Qdrant named by the test kit keeps earlier runs' collections
    name = "it_" + info.getTestMethod().orElseThrow().getName() + "_" + RUN;
  }

  @Test
  void ensureCreatesTheDefaultCollectionsWithTheirIndexesOnce() throws Exception {
    for (CollectionSpec spec : CollectionSpec.defaultCollections()) {
      // the kit's Qdrant is shared by the JVM (and an external one outlives it): start without them
      if (vectors.rawClient().collectionExistsAsync(spec.name()).get(10, TimeUnit.SECONDS)) {
        vectors.rawClient().deleteCollectionAsync(spec.name()).get(10, TimeUnit.SECONDS);
      }
    }
    for (CollectionSpec spec : CollectionSpec.defaultCollections()) {
      assertThat(vectors.ensure(spec)).as(spec.name()).isTrue();
    }
    CollectionState documents = vectors.describe("documents");
    assertThat(documents.vectorSize()).isEqualTo(768);
    assertThat(documents.distance()).isEqualTo(dev.citadel.client.vector.Distance.COSINE);
    assertThat(documents.hnswM()).isEqualTo(16);
    assertThat(documents.payloadIndexes()).containsEntry("file_id", PayloadFieldType.KEYWORD)
        .containsEntry("tags", PayloadFieldType.KEYWORD).containsEntry("file_type", PayloadFieldType.KEYWORD)
        .containsEntry("created_at", PayloadFieldType.DATETIME);
    CollectionState code = vectors.describe("code");
    assertThat(code.vectorSize()).isEqualTo(4096);
    assertThat(code.hnswM()).isEqualTo(24);
    assertThat(vectors.describe("chat_history").vectorSize()).isEqualTo(768);
    assertThat(vectors.describe("knowledge").vectorSize()).isEqualTo(768);

    for (CollectionSpec spec : CollectionSpec.defaultCollections()) {
      assertThat(vectors.ensure(spec)).as("second ensure of " + spec.name()).isFalse();
    }
    assertThat(vectors.health().check("qdrant.collection.documents").orElseThrow().isUp()).isTrue();
  }

  @Test
  void ensureRefusesAnExistingCollectionWithAnotherSizeOrDistance() throws Exception {
    vectors.rawClient().createCollectionAsync(name, VectorParams.newBuilder().setSize(3)
        .setDistance(Distance.Dot).build()).get(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> vectors.ensure(CollectionSpec.builder(name, 4).build()))
        .isInstanceOfSatisfying(CollectionSpecConflictException.class, e -> {
          assertThat(e.collection()).isEqualTo(name);
          assertThat(e.found().vectorSize()).isEqualTo(3);
          assertThat(e.wanted().vectorSize()).isEqualTo(4);
        })
        .hasMessageContaining("3-d Dot").hasMessageContaining("4-d Cosine").hasMessageContaining(name);
    assertThat(vectors.describe(name).vectorSize()).as("left as it was").isEqualTo(3);
  }

  @Test
  void distributionComesFromTheConfigUnlessTheSpecSaysOtherwise() {
    try (CitadelVectors sharded = CitadelVectors.create(VectorTestConfigs.vectors(VectorTestConfigs.qdrant(server)
        .shardNumber(2).build()))) {
      sharded.ensure(CollectionSpec.builder(name + "_config", 3).build());
      sharded.ensure(CollectionSpec.builder(name + "_spec", 3).shardNumber(3).writeConsistencyFactor(1).build());

      assertThat(sharded.describe(name + "_config").shardNumber()).isEqualTo(2);
      assertThat(sharded.describe(name + "_spec").shardNumber()).isEqualTo(3);
      assertThat(sharded.describe(name + "_spec").writeConsistencyFactor()).isEqualTo(1);
    }
  }

  @Test
  void chunksKeepTheChunkPayloadAndStablePointIds() {
    vectors.ensure(CollectionSpec.builder(name, 3).build());
    List<DocumentChunk> chunks = List.of(chunk(FILE_A, 0, new float[] {1, 0, 0}, "pdf", List.of("x")),
        chunk(FILE_A, 1, new float[] {0, 1, 0}, "pdf", List.of("y")));

    assertThat(vectors.upsertChunks(name, chunks)).isEqualTo(2);
    assertThat(vectors.upsertChunks(name, chunks)).as("same ids: overwritten, not added").isEqualTo(2);
    assertThat(vectors.count(name, VectorFilter.none())).isEqualTo(2);

    StoredPoint p = vectors.get(name, List.of(DocumentChunk.pointId(FILE_A, 1)), true).get(0);
    assertThat(p.payload()).containsEntry("file_id", FILE_A.toString()).containsEntry("chunk_index", 1L)
        .containsEntry("content", "chunk 1 of " + FILE_A).containsEntry("document_title", "Title")
        .containsEntry("file_type", "pdf").containsEntry("tags", List.of("y"))
        .containsEntry("created_at", "2026-01-16T00:00:00Z").containsEntry("lang", "en");
    assertThat(p.vector()).containsExactly(0f, 1f, 0f);
    assertThat(DocumentChunk.pointId(FILE_A, 1)).isEqualTo(chunks.get(1).pointId())
        .isNotEqualTo(DocumentChunk.pointId(FILE_A, 0)).isNotEqualTo(DocumentChunk.pointId(FILE_B, 1));
  }

  @Test
  void batchUpsertIsSplitIntoBoundedRequests() {
    vectors.ensure(CollectionSpec.builder(name, 2).distance(dev.citadel.client.vector.Distance.DOT).build());
    List<VectorPoint> points = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      points.add(new VectorPoint(PointId.of(i), new float[] {i, 1}, Map.of("i", i)));
    }
    int before = metrics.calls("upsert_batch");

    assertThat(vectors.upsert(name, points)).isEqualTo(100);

    assertThat(metrics.calls("upsert_batch") - before).as("ceil(100 / 7) requests").isEqualTo(15);
    assertThat(vectors.count(name, VectorFilter.none())).isEqualTo(100);
    assertThat(vectors.get(name, List.of(PointId.of(99)), false).get(0).payload()).containsEntry("i", 99L);
  }

  @Test
  void searchFiltersByTagsFileTypeTimeAndFileWithAThreshold() {
    vectors.ensure(CollectionSpec.builder(name, 2).distance(dev.citadel.client.vector.Distance.DOT)
        .index("tags", PayloadFieldType.KEYWORD).build());
    vectors.upsertChunks(name, List.of(
        chunk(FILE_A, 0, new float[] {1, 0}, "pdf", List.of("policy", "hr"), "2026-01-10T00:00:00Z"),
        chunk(FILE_A, 1, new float[] {2, 0}, "pdf", List.of("finance"), "2026-01-12T00:00:00Z"),
        chunk(FILE_B, 0, new float[] {3, 0}, "docx", List.of("policy"), "2026-01-14T00:00:00Z"),
        chunk(FILE_B, 1, new float[] {0, 4}, "pdf", List.of(), "2026-01-16T00:00:00Z")));
    float[] q = {1, 1};

    // Dot with (1, 1): A0 = 1, A1 = 2, B0 = 3, B1 = 4
    assertThat(scores(vectors.search(name, SearchRequest.of(q)))).containsExactly(4f, 3f, 2f, 1f);
    assertThat(pointsOf(vectors.search(name, SearchRequest.builder(q)
        .filter(VectorFilter.builder().tagsAnyOf("policy", "finance").build()).build())))
        .containsExactly(DocumentChunk.pointId(FILE_B, 0), DocumentChunk.pointId(FILE_A, 1), DocumentChunk.pointId(FILE_A, 0));
    assertThat(pointsOf(vectors.search(name, SearchRequest.builder(q)
        .filter(VectorFilter.builder().tagsAnyOf("policy").fileType("pdf").build()).build())))
        .containsExactly(DocumentChunk.pointId(FILE_A, 0));
    assertThat(pointsOf(vectors.search(name, SearchRequest.builder(q).filter(VectorFilter.builder()
        .createdBetween(Instant.parse("2026-01-11T00:00:00Z"), Instant.parse("2026-01-16T00:00:00Z")).build()).build())))
        .as("[from, to)").containsExactly(DocumentChunk.pointId(FILE_B, 0), DocumentChunk.pointId(FILE_A, 1));
    assertThat(pointsOf(vectors.search(name, SearchRequest.builder(q)
        .filter(VectorFilter.builder().fileId(FILE_A).build()).build())))
        .containsExactly(DocumentChunk.pointId(FILE_A, 1), DocumentChunk.pointId(FILE_A, 0));
    assertThat(scores(vectors.search(name, SearchRequest.builder(q).scoreThreshold(2.5f).build())))
        .containsExactly(4f, 3f);
    List<SearchHit> top = vectors.search(name, SearchRequest.builder(q).limit(1).offset(1).withVector(true).build());
    assertThat(top).singleElement().satisfies(h -> {
      assertThat(h.score()).isCloseTo(3f, within(EPS));
      assertThat(h.vector()).containsExactly(3f, 0f);
      assertThat(h.payload()).containsEntry("file_type", "docx");
    });
  }

  @Test
  void cosineSearchScoresAreCosines() {
    vectors.ensure(CollectionSpec.builder(name, 2).build());
    vectors.upsert(name, List.of(new VectorPoint(PointId.of(1), new float[] {3, 4}, Map.of()),
        new VectorPoint(PointId.of(2), new float[] {-4, 3}, Map.of())));

    List<SearchHit> hits = vectors.search(name, SearchRequest.of(new float[] {1, 0}));

    // cos((3,4),(1,0)) = 3/5; cos((-4,3),(1,0)) = -4/5
    assertThat(hits).extracting(SearchHit::id).containsExactly(PointId.of(1), PointId.of(2));
    assertThat(hits.get(0).score()).isCloseTo(0.6f, within(EPS));
    assertThat(hits.get(1).score()).isCloseTo(-0.8f, within(EPS));
  }

  @Test
  void aSearchWithAnHnswBeamIsAnsweredLikeOneWithout() {
    vectors.ensure(CollectionSpec.builder(name, 2).build());
    vectors.upsert(name, List.of(new VectorPoint(PointId.of(1), new float[] {3, 4}, Map.of()),
        new VectorPoint(PointId.of(2), new float[] {-4, 3}, Map.of()),
        new VectorPoint(PointId.of(3), new float[] {1, 0}, Map.of())));

    List<SearchHit> hits = vectors.search(name, SearchRequest.builder(new float[] {1, 0}).hnswEf(400).build());

    assertThat(hits).extracting(SearchHit::id).containsExactly(PointId.of(3), PointId.of(1), PointId.of(2));
    assertThat(hits.get(0).score()).isCloseTo(1f, within(EPS));
  }

  @Test
  void scrollPagesAndForEachVisitsEveryPoint() {
    vectors.ensure(CollectionSpec.builder(name, 1).build());
    List<VectorPoint> points = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      points.add(new VectorPoint(PointId.of(i), new float[] {i}, Map.of("even", i % 2 == 0)));
    }
    vectors.upsert(name, points);

    ScrollPage first = vectors.scroll(name, VectorFilter.none(), null, 10);
    assertThat(first.points()).extracting(StoredPoint::id).first().isEqualTo(PointId.of(1));
    assertThat(first.nextOffset()).isEqualTo(PointId.of(11));
    ScrollPage last = vectors.scroll(name, VectorFilter.none(), PointId.of(21), 10);
    assertThat(last.points()).hasSize(5);
    assertThat(last.next()).isEmpty();
    assertThatThrownBy(() -> vectors.scroll(name, VectorFilter.none(), null, 0))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("limit"));

    List<PointId> seen = new ArrayList<>();
    vectors.forEach(name, VectorFilter.builder().bool("even", true).build(), p -> seen.add(p.id()));
    assertThat(seen).hasSize(12).first().isEqualTo(PointId.of(2));
    assertThat(vectors.count(name, VectorFilter.builder().bool("even", false).build())).isEqualTo(13);
  }

  @Test
  void deletesByFileIdAndById() {
    vectors.ensure(CollectionSpec.builder(name, 2).build());
    vectors.upsertChunks(name, List.of(chunk(FILE_A, 0, new float[] {1, 0}, "pdf", List.of()),
        chunk(FILE_A, 1, new float[] {1, 1}, "pdf", List.of()), chunk(FILE_B, 0, new float[] {0, 1}, "pdf", List.of()),
        chunk(FILE_B, 1, new float[] {1, 2}, "pdf", List.of())));

    vectors.deleteByFileId(name, FILE_A);
    assertThat(vectors.count(name, VectorFilter.none())).isEqualTo(2);
    vectors.delete(name, List.of(DocumentChunk.pointId(FILE_B, 1), PointId.of(12345)));
    assertThat(vectors.scroll(name, VectorFilter.none(), null, 10).points()).extracting(StoredPoint::id)
        .containsExactly(DocumentChunk.pointId(FILE_B, 0));
    assertThatThrownBy(() -> vectors.deleteMatching(name, VectorFilter.none()))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("filter"));
    assertThat(vectors.count(name, VectorFilter.none())).as("nothing deleted").isEqualTo(1);
  }

  @Test
  void badVectorsAreRefusedBeforeSendingWithTheCollectionName() {
    vectors.ensure(CollectionSpec.builder(name, 3).build());
    int requests = metrics.calls("upsert_batch");

    assertThatThrownBy(() -> vectors.upsert(name, List.of(new VectorPoint(PointId.of(1), new float[0], Map.of()))))
        .isInstanceOfSatisfying(InvalidVectorException.class, e -> {
          assertThat(e).as("the one argument error").isInstanceOf(InvalidArgumentException.class);
          assertThat(e.collection()).isEqualTo(name);
        })
        .hasMessageContaining("empty").hasMessageContaining(name);
    assertThatThrownBy(() -> vectors.upsert(name, List.of(new VectorPoint(PointId.of(1), new float[] {1, Float.NaN, 0},
        Map.of())))).isInstanceOf(InvalidVectorException.class).hasMessageContaining("NaN").hasMessageContaining(name);
    assertThatThrownBy(() -> vectors.upsert(name, List.of(new VectorPoint(PointId.of(1), new float[] {1, 2, 3}, Map.of()),
        new VectorPoint(PointId.of(2), new float[] {1, 2}, Map.of()))))
        .isInstanceOfSatisfying(DimensionMismatchException.class, e -> {
          assertThat(e.expected()).isEqualTo(3);
          assertThat(e.actual()).isEqualTo(2);
          assertThat(e.collection()).isEqualTo(name);
        });
    assertThatThrownBy(() -> vectors.search(name, SearchRequest.of(new float[] {1, 2, 3, 4})))
        .isInstanceOf(DimensionMismatchException.class).hasMessageContaining(name);
    assertThatThrownBy(() -> vectors.search(name, SearchRequest.of(new float[] {Float.POSITIVE_INFINITY, 0, 0})))
        .isInstanceOf(InvalidVectorException.class);

    assertThat(metrics.calls("upsert_batch")).as("nothing was sent").isEqualTo(requests);
    assertThat(vectors.count(name, VectorFilter.none())).isZero();
  }

  @Test
  void unknownCollectionIsATypedError() {
    String missing = name + "_missing";
    assertThatThrownBy(() -> vectors.describe(missing)).isInstanceOfSatisfying(CollectionNotFoundException.class,
        e -> assertThat(e.collection()).isEqualTo(missing));
    assertThatThrownBy(() -> vectors.upsert(missing, List.of(new VectorPoint(PointId.of(1), new float[] {1}, Map.of()))))
        .isInstanceOf(CollectionNotFoundException.class).hasMessageContaining(missing);
    assertThatThrownBy(() -> vectors.count(missing, VectorFilter.none())).isInstanceOf(CollectionNotFoundException.class);
    assertThat(vectors.exists(missing)).isFalse();
    assertThat(vectors.drop(missing)).isFalse();
  }

  @Test
  void aCollectionRecreatedBehindTheClientsBackIsSeenAfterOneRefresh() throws Exception {
    vectors.ensure(CollectionSpec.builder(name, 3).build());
    vectors.rawClient().deleteCollectionAsync(name).get(10, TimeUnit.SECONDS);
    vectors.rawClient().createCollectionAsync(name, VectorParams.newBuilder().setSize(4)
        .setDistance(Distance.Cosine).build()).get(10, TimeUnit.SECONDS);

    assertThat(vectors.upsert(name, List.of(new VectorPoint(PointId.of(1), new float[] {1, 2, 3, 4}, Map.of()))))
        .isEqualTo(1);
  }

  @Test
  void asyncViewCompletesWithTheSameResultsAndUnwrappedErrors() throws Exception {
    vectors.async().ensure(CollectionSpec.builder(name, 2).distance(dev.citadel.client.vector.Distance.EUCLID).build())
        .get(10, TimeUnit.SECONDS);
    vectors.async().upsert(name, List.of(new VectorPoint(PointId.of(1), new float[] {0, 0}, Map.of()),
        new VectorPoint(PointId.of(2), new float[] {3, 4}, Map.of()))).get(10, TimeUnit.SECONDS);

    List<SearchHit> hits = vectors.async().search(name, SearchRequest.of(new float[] {0, 0})).get(10, TimeUnit.SECONDS);
    assertThat(scores(hits)).containsExactly(0f, 5f);

    assertThatThrownBy(() -> vectors.async().count(name + "_missing", VectorFilter.none()).join())
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(CollectionNotFoundException.class);
  }

  @Test
  void healthReportsTheServer() {
    var check = vectors.health().check("qdrant").orElseThrow();
    assertThat(check.isUp()).isTrue();
    assertThat(check.attributes()).containsKeys("title", "version", "latency_ms", "breaker");
  }

  @Test
  void everyCallIsTimedInTheMetricsHook() {
    vectors.ensure(CollectionSpec.builder(name, 1).build());
    int before = metrics.calls("count");
    vectors.count(name, VectorFilter.none());
    assertThat(metrics.calls("count")).isEqualTo(before + 1);
    assertThat(metrics.breakers).containsKey("qdrant");
  }

  // ------------------------------------------------------------------ helpers

  private static DocumentChunk chunk(UUID file, int index, float[] vector, String type, List<String> tags) {
    return chunk(file, index, vector, type, tags, "2026-01-16T00:00:00Z");
  }

  private static DocumentChunk chunk(UUID file, int index, float[] vector, String type, List<String> tags,
      String createdAt) {
    return DocumentChunk.builder(file, index).content("chunk " + index + " of " + file).documentTitle("Title")
        .fileType(type).tags(tags).createdAt(Instant.parse(createdAt)).vector(vector).extra("lang", "en").build();
  }

  private static List<Float> scores(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::score).toList();
  }

  private static List<PointId> pointsOf(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  /** Counts calls per operation; remembers registered breakers. */
  static final class CountingMetrics implements CitadelMetrics {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<String, java.util.function.Supplier<dev.citadel.client.resilience.BreakerState>> breakers =
        new ConcurrentHashMap<>();

    @Override
    public void recordCall(String client, String backend, String operation, long nanos, boolean success) {
      calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public AutoCloseable registerBreaker(String client, String backend,
        java.util.function.Supplier<dev.citadel.client.resilience.BreakerState> state) {
      breakers.put(backend, state);
      return () -> breakers.remove(backend);
    }

    int calls(String operation) {
      AtomicInteger n = calls.get(operation);
      return n == null ? 0 : n.get();
    }
  }
}
