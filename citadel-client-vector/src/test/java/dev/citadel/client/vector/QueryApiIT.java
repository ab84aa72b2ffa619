package dev.citadel.client.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.vector.support.VectorTestConfigs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Named and sparse vectors and the Query API through the helpers, against the test kit's Qdrant.
 * Expected orders and scores are worked out by hand from the vectors below (Dot products, sparse
 * dot products over shared indices, RRF 1 / (2 + rank) with 0-based ranks).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final float EPS = 1e-5f;

  private CitadelVectors vectors;
  private final String multi = "query_multi_" + RUN;
  private final String hybrid = "query_hybrid_" + RUN;

  // body (3-d Dot): p1 (1,0,0), p2 (0.8,0.6,0), p3 (0,0,1), p4 (0.6,0,0.8)
  // text (sparse, no modifier): p1 {1:1, 2:2}, p2 {2:1, 3:3}, p3 {4:1}, p4 none
  // payload: rank 30, 10, 40, 20; color blue, red, blue, red
  @BeforeAll
  void start() {
    vectors = CitadelVectors.create(VectorTestConfigs.vectors(VectorTestConfigs.qdrant(CitadelTestKit.qdrant())
        .build()));
    CollectionSpec spec = CollectionSpec.builder(multi).namedVector("body", 3, Distance.DOT)
        .namedVector("title", 2, Distance.COSINE).sparseVector("text", SparseModifier.NONE)
        .index("rank", PayloadFieldType.INTEGER).index("color", PayloadFieldType.KEYWORD).build();
    assertThat(vectors.ensure(spec)).isTrue();
    assertThat(vectors.ensure(spec)).as("second ensure finds the same vectors").isFalse();
    vectors.upsert(multi, List.of(
        VectorPoint.named(PointId.of(1), Map.of("body", new float[] {1, 0, 0}, "title", new float[] {1, 0}),
            Map.of("text", new SparseVector(new int[] {1, 2}, new float[] {1, 2})), Map.of("rank", 30, "color", "blue")),
        VectorPoint.named(PointId.of(2), Map.of("body", new float[] {0.8f, 0.6f, 0}),
            Map.of("text", new SparseVector(new int[] {2, 3}, new float[] {1, 3})), Map.of("rank", 10, "color", "red")),
        VectorPoint.named(PointId.of(3), Map.of("body", new float[] {0, 0, 1}),
            Map.of("text", new SparseVector(new int[] {4}, new float[] {1})), Map.of("rank", 40, "color", "blue")),
        VectorPoint.named(PointId.of(4), Map.of("body", new float[] {0.6f, 0, 0.8f}), Map.of(),
            Map.of("rank", 20, "color", "red"))));
  }

  @AfterAll
  void stop() throws Exception {
    for (String c : List.of(multi, hybrid)) {
      vectors.rawClient().deleteCollectionAsync(c).get(10, TimeUnit.SECONDS);
    }
    vectors.close();
  }

  private static List<Long> ids(List<SearchHit> hits) {
    return hits.stream().map(h -> h.id().number()).toList();
  }

  @Test
  void aCollectionWithNamedAndSparseVectorsIsDescribedAndSearchedByVectorName() {
    CollectionState state = vectors.describe(multi);
    assertThat(state.vectorSize()).isZero();
    assertThat(state.namedVectors()).containsOnlyKeys("body", "title");
    assertThat(state.namedVectors().get("body")).isEqualTo(new DenseVectorSpec(3, Distance.DOT));
    assertThat(state.sparseVectors()).containsEntry("text", SparseModifier.NONE).hasSize(1);
    assertThat(vectors.count(multi, VectorFilter.none())).isEqualTo(4);

    // (0.2, 0.1, 0.9): p3 0.9, p4 0.84, p2 0.22, p1 0.2
    List<SearchHit> hits = vectors.search(multi, SearchRequest.builder(new float[] {0.2f, 0.1f, 0.9f}).using("body")
        .limit(4).build());
    assertThat(ids(hits)).containsExactly(3L, 4L, 2L, 1L);
    assertThat(hits.get(1).score()).isCloseTo(0.84f, within(EPS));

    assertThatThrownBy(() -> vectors.search(multi, SearchRequest.builder(new float[] {1, 0}).using("body").build()))
        .isInstanceOfSatisfying(DimensionMismatchException.class, e -> {
          assertThat(e.expected()).isEqualTo(3);
          assertThat(e.actual()).isEqualTo(2);
        });
    assertThatThrownBy(() -> vectors.upsert(multi, List.of(VectorPoint.named(PointId.of(9),
        Map.of("title", new float[] {1, 0, 0}), Map.of(), Map.of())))).isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> vectors.ensure(CollectionSpec.builder(multi, 3).build()))
        .isInstanceOf(CollectionSpecConflictException.class).hasMessageContaining("body=3-d Dot");
  }

  @Test
  void nearestByDenseSparseAndPointIdAndRecommend() {
    List<SearchHit> sparse = vectors.query(multi, QueryRequest.builder(
        Query.nearest(new SparseVector(new int[] {2, 3}, new float[] {1, 1}))).using("text").build());
    // p2: 1 + 3 = 4; p1: 2; p3 and p4 share no index: left out
    assertThat(ids(sparse)).containsExactly(2L, 1L);
    assertThat(sparse).extracting(SearchHit::score).containsExactly(4f, 2f);

    // by p1's body vector (1,0,0), p1 itself left out: p2 0.8, p4 0.6, p3 0
    List<SearchHit> byId = vectors.query(multi, QueryRequest.builder(Query.nearestTo(PointId.of(1))).using("body")
        .build());
    assertThat(ids(byId)).containsExactly(2L, 4L, 3L);
    assertThat(byId.get(0).score()).isCloseTo(0.8f, within(EPS));

    List<SearchHit> recommended = vectors.query(multi, QueryRequest.builder(
        Query.recommend(List.of(PointId.of(1)), List.of())).using("body").limit(2).build());
    assertThat(ids(recommended)).containsExactly(2L, 4L);

    List<SearchHit> dense = vectors.query(multi, QueryRequest.builder(Query.nearest(new float[] {0.2f, 0.1f, 0.9f}))
        .using("body").filter(VectorFilter.builder().keyword("color", "red").build()).build());
    assertThat(ids(dense)).containsExactly(4L, 2L);
    assertThat(dense.get(0).payload()).containsEntry("rank", 20L);
  }

  @Test
  void prefetchesAreFusedByRrfWithQdrantsScoresAndByDbsf() {
    Prefetch dense = Prefetch.builder(Query.nearest(new float[] {0.2f, 0.1f, 0.9f})).using("body").limit(4).build();
    Prefetch sparse = Prefetch.builder(Query.nearest(new SparseVector(new int[] {2, 3}, new float[] {1, 1})))
        .using("text").limit(4).build();
    List<SearchHit> fused = vectors.query(multi, QueryRequest.builder(Query.fusion(Fusion.RRF)).prefetch(dense)
        .prefetch(sparse).build());
    // dense p3, p4, p2, p1; sparse p2, p1: p2 1/4 + 1/2, p1 1/5 + 1/3, p3 1/2, p4 1/3
    assertThat(ids(fused)).containsExactly(2L, 1L, 3L, 4L);
    assertThat(fused).extracting(SearchHit::score).containsExactly(0.75f, 1 / 5f + 1 / 3f, 0.5f, 1 / 3f);

    List<SearchHit> dbsf = vectors.query(multi, QueryRequest.builder(Query.fusion(Fusion.DBSF)).prefetch(dense)
        .prefetch(sparse).limit(10).build());
    assertThat(ids(dbsf)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);

    // a nearest query over prefetches re-scores their union: p1 and p2 only (sparse, limit 2)
    List<SearchHit> rescored = vectors.query(multi, QueryRequest.builder(Query.nearest(new float[] {0.2f, 0.1f, 0.9f}))
        .using("body").prefetch(Prefetch.builder(sparse.query()).using("text").limit(2).build()).build());
    assertThat(ids(rescored)).containsExactly(2L, 1L);

    assertThatThrownBy(() -> QueryRequest.builder(Query.fusion(Fusion.RRF)).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("prefetch");
  }

  @Test
  void pointsAreListedInIdOrderOrOrderedByAPayloadField() {
    assertThat(ids(vectors.query(multi, QueryRequest.builder(null).build()))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(ids(vectors.query(multi, QueryRequest.builder(null).filter(VectorFilter.builder()
        .keyword("color", "red").build()).build()))).containsExactly(2L, 4L);
    assertThat(ids(vectors.query(multi, QueryRequest.builder(Query.orderByDescending("rank")).build())))
        .containsExactly(3L, 1L, 4L, 2L);
    assertThat(ids(vectors.query(multi, QueryRequest.builder(Query.orderBy("rank")).limit(2).build())))
        .containsExactly(2L, 4L);
    assertThatThrownBy(() -> vectors.query(multi, QueryRequest.builder(Query.orderBy("color")).build()))
        .isInstanceOf(VectorRequestException.class);
  }

  @Test
  void hybridSearchFusesDenseAndBm25SparseHitsInQdrant() {
    vectors.ensure(CollectionSpec.builder(hybrid, 2).sparseVector("text", SparseModifier.IDF).build());
    SparseTextEncoder bm25 = SparseTextEncoder.bm25();
    List<VectorPoint> docs = List.of(
        new VectorPoint(PointId.of(1), new float[] {1, 0}, Map.of("content", "Refund policy for damaged goods")),
        new VectorPoint(PointId.of(2), new float[] {0, 1}, Map.of("content", "Opening hours of the office")),
        new VectorPoint(PointId.of(3), new float[] {0.7f, 0.7f}, Map.of("content", "Shipping costs and delivery")));
    vectors.upsert(hybrid, docs.stream().map(d -> d.withSparse("text", bm25.document((String) d.payload()
        .get("content")))).toList());

    // dense (0.6, 0.8), Cosine: p3 0.99, p2 0.8, p1 0.6; text "refund damaged": p1 only.
    // RRF: p1 1/4 + 1/2, p3 1/2, p2 1/3
    List<SearchHit> hits = vectors.hybridSearch(hybrid, HybridSearchRequest.builder("refunds for damaged",
        new float[] {0.6f, 0.8f}).limit(3).build());
    assertThat(ids(hits)).containsExactly(1L, 3L, 2L);
    assertThat(hits).extracting(SearchHit::score).containsExactly(0.75f, 0.5f, 1 / 3f);
    assertThat(hits.get(0).payload()).containsEntry("content", "Refund policy for damaged goods");

    List<SearchHit> async = vectors.async().hybridSearch(hybrid, HybridSearchRequest.builder("office",
        new float[] {0.6f, 0.8f}).limit(1).fusion(Fusion.RRF).build()).join();
    // p2: dense rank 1, sparse rank 0: 1/3 + 1/2 beats p3's 1/2
    assertThat(ids(async)).containsExactly(2L);

    // Points with the unnamed and a sparse vector come back with all vectors by name (the unnamed
    // one under ""): the unnamed one is still the hit's vector, on every read path (unit vectors,
    // which Cosine stores as they are).
    assertThat(vectors.get(hybrid, List.of(PointId.of(1)), true).get(0).vector()).containsExactly(1f, 0f);
    assertThat(vectors.search(hybrid, SearchRequest.builder(new float[] {0.1f, 0.9f}).limit(1).withVector(true)
        .build()).get(0).vector()).containsExactly(0f, 1f);
    assertThat(vectors.query(hybrid, QueryRequest.builder(Query.nearest(new float[] {0, 1})).limit(1).withVector(true)
        .build()).get(0).vector()).containsExactly(0f, 1f);
  }
}
