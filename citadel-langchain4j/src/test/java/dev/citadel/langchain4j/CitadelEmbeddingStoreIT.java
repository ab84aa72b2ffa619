package dev.citadel.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionSpecConflictException;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.langchain4j.support.QdrantTargets;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What LangChain4j's suites do not cover: non-UUID ids, the payload indexes of the spec, writes
 * larger than one upsert request and removals larger than one page, Euclid scores, and the
 * refusals (reserved keys, mismatched sizes, a collection of another size).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitadelEmbeddingStoreIT {
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private CitadelVectors vectors;
  private final List<String> collections = new ArrayList<>();

  @BeforeAll
  void start() {
    vectors = QdrantTargets.vectors(QdrantTargets.local());
  }

  @AfterAll
  void stop() {
    collections.forEach(vectors::drop);
    vectors.close();
  }

  private CitadelEmbeddingStore store(CollectionSpec spec) {
    collections.add(spec.name());
    return CitadelEmbeddingStore.builder(vectors).collection(spec).build();
  }

  private static Embedding embed(String text) {
    return QdrantTargets.embeddingModel().embed(text).content();
  }

  @Test
  void anyStringIdRoundTripsAndIsRemovedByItself() {
    CitadelEmbeddingStore store = store(CollectionSpec.builder("lc4j_ids_" + run, QdrantTargets.DIMENSION)
        .index("team", PayloadFieldType.KEYWORD).build());
    assertThat(vectors.describe(store.collection().name()).payloadIndexes()).containsEntry("team", PayloadFieldType.KEYWORD);
    TextSegment segment = TextSegment.from("Expenses are reimbursed within 30 days.", Metadata.from("team", "finance"));
    store.addAll(List.of("handbook/expenses#1", "42"), List.of(embed(segment.text()), embed("laptops")),
        List.of(segment, TextSegment.from("Laptops are replaced every three years.")));

    List<EmbeddingMatch<TextSegment>> found = store.search(EmbeddingSearchRequest.builder()
        .queryEmbedding(embed("reimbursed expenses")).maxResults(1).build()).matches();
    assertThat(found).extracting(EmbeddingMatch::embeddingId).containsExactly("handbook/expenses#1");
    assertThat(found.get(0).embedded()).isEqualTo(segment);
    assertThat(vectors.get(store.collection().name(), List.of(PointId.fromKey("42")), false).get(0).payload())
        .containsEntry(CitadelEmbeddingStore.ID_KEY, "42");

    store.remove("handbook/expenses#1");
    assertThat(vectors.count(store.collection().name(), VectorFilter.none())).isEqualTo(1);
    store.add("handbook/expenses#1", embed("again"));
    store.removeAll(List.of("42", "handbook/expenses#1"));
    assertThat(vectors.count(store.collection().name(), VectorFilter.none())).isZero();
  }

  @Test
  void largeWritesAndRemovalsSpanManyRequestsAndPages() {
    CitadelEmbeddingStore store = store(CollectionSpec.builder("lc4j_bulk_" + run, 8).build());
    Random random = new Random(7);
    List<Embedding> embeddings = new ArrayList<>();
    List<TextSegment> segments = new ArrayList<>();
    for (int i = 0; i < 2_100; i++) {
      float[] v = new float[8];
      for (int d = 0; d < 8; d++) {
        v[d] = random.nextFloat() + 0.01f;
      }
      embeddings.add(Embedding.from(v));
      segments.add(TextSegment.from("item " + i, new Metadata().put("i", i)));
    }
    List<String> ids = store.addAll(embeddings, segments);
    assertThat(ids).hasSize(2_100).doesNotHaveDuplicates();
    assertThat(vectors.count(store.collection().name(), VectorFilter.none())).isEqualTo(2_100);
    store.removeAll(metadataKey("i").isLessThan(100));
    assertThat(vectors.count(store.collection().name(), VectorFilter.none())).isEqualTo(2_000);
    store.removeAll();
    assertThat(vectors.count(store.collection().name(), VectorFilter.none())).isZero();
    assertThat(vectors.exists(store.collection().name())).as("the collection stays").isTrue();
  }

  @Test
  void euclidDistancesBecomeRelevanceScoresAndMinScoreAppliesToThem() {
    CitadelEmbeddingStore store = store(CollectionSpec.builder("lc4j_euclid_" + run, 2).distance(Distance.EUCLID).build());
    String near = store.add(Embedding.from(new float[] {0, 1}));
    String far = store.add(Embedding.from(new float[] {0, 4}));
    List<EmbeddingMatch<TextSegment>> all = store.search(EmbeddingSearchRequest.builder()
        .queryEmbedding(Embedding.from(new float[] {0, 0})).maxResults(10).build()).matches();
    assertThat(all).extracting(EmbeddingMatch::embeddingId).containsExactly(near, far);
    assertThat(all.get(0).score()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));   // 1 / (1 + 1)
    assertThat(all.get(1).score()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-6));   // 1 / (1 + 4)
    assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {0, 0}))
        .maxResults(10).minScore(0.3).build()).matches()).extracting(EmbeddingMatch::embeddingId).containsExactly(near);
  }

  @Test
  void refusalsNameWhatWasWrong() {
    CitadelEmbeddingStore store = store(CollectionSpec.builder("lc4j_refusals_" + run, 2).build());
    Embedding e = Embedding.from(new float[] {1, 0});
    assertThatThrownBy(() -> store.add(e, TextSegment.from("t", Metadata.from(CitadelEmbeddingStore.TEXT_KEY, "x"))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, x -> assertThat(x.argument()).isEqualTo("metadata"))
        .hasMessageContaining("'text_segment' is reserved");
    assertThatThrownBy(() -> store.addAll(List.of("a"), List.of(e, e), null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("must have the same size");
    assertThatThrownBy(() -> CitadelEmbeddingStore.builder(vectors).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, x -> assertThat(x.argument()).isEqualTo("collection"));
    assertThatThrownBy(() -> CitadelEmbeddingStore.builder(vectors).collection(store.collection().name(), 3).build())
        .isInstanceOf(CollectionSpecConflictException.class);
    assertThat(vectors.count(store.collection().name(), VectorFilter.none())).as("nothing written").isZero();
  }
}
