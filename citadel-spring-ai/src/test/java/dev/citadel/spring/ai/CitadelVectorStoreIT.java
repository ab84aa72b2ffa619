package dev.citadel.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.spring.ai.support.KitVectors;
import dev.citadel.spring.ai.support.OnnxEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * The Spring AI store against the test kit's Qdrant with real embeddings (the in-jar ONNX model):
 * add, search with every filter operator, delete by ids and by filter, non-UUID ids, batching,
 * similarity threshold and topK. The counterpart of LangChain4j's conformance suites, which Spring
 * AI does not ship. Expected ids are read off the fixture by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitadelVectorStoreIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final String BIG_BEN = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  private static final FilterExpressionBuilder F = new FilterExpressionBuilder();

  private final OnnxEmbeddingModel model = new OnnxEmbeddingModel();
  private CitadelVectors vectors;
  private CitadelVectorStore store;

  @BeforeAll
  void start() {
    vectors = KitVectors.create(2);
    store = CitadelVectorStore.builder(vectors, model)
        .collection(CollectionSpec.builder("spring_ai_it_" + RUN, OnnxEmbeddingModel.DIMENSIONS)
            .index("country", PayloadFieldType.KEYWORD).index("year", PayloadFieldType.INTEGER).build())
        .build();
  }

  @AfterAll
  void stop() {
    vectors.drop(store.collection().name());
    vectors.close();
  }

  @BeforeEach
  void fixture() {
    List<PointId> all = new ArrayList<>();
    vectors.forEach(store.collection().name(), VectorFilter.none(), p -> all.add(p.id()));
    if (!all.isEmpty()) {
      vectors.delete(store.collection().name(), all);
    }
    store.add(List.of(
        doc("eiffel", "The Eiffel Tower is an iron tower in Paris", Map.of("country", "FR", "year", 1889, "rating", 4.5, "active", true)),
        doc("colosseum", "The Colosseum is an ancient amphitheatre in Rome", Map.of("country", "IT", "year", 80, "rating", 4.7, "active", true)),
        doc("rijks", "The Rijksmuseum is the national museum in Amsterdam", Map.of("country", "NL", "year", 1885, "rating", 4.6, "active", false)),
        doc("kinderdijk", "The windmills of Kinderdijk pump water from the polders", Map.of("country", "NL", "year", 1740, "rating", 4.2)),
        doc(BIG_BEN, "Big Ben is the bell of the clock tower in London", Map.of("country", "UK", "year", 1859, "rating", 4.4, "active", true))));
  }

  private static Document doc(String id, String text, Map<String, Object> metadata) {
    return Document.builder().id(id).text(text).metadata(metadata).build();
  }

  private List<String> ids(Filter.Expression filter) {
    return store.similaritySearch(SearchRequest.builder().query("landmark").topK(10).filterExpression(filter).build())
        .stream().map(Document::getId).sorted().toList();
  }

  @Test
  void everyFilterOperatorSelectsWhatItShould() {
    assertThat(ids(F.eq("country", "NL").build())).containsExactly("kinderdijk", "rijks");
    assertThat(ids(F.ne("country", "NL").build())).containsExactly(BIG_BEN, "colosseum", "eiffel");
    assertThat(ids(F.gt("year", 1859).build())).containsExactly("eiffel", "rijks");
    assertThat(ids(F.gte("year", 1859).build())).containsExactly(BIG_BEN, "eiffel", "rijks");
    assertThat(ids(F.lt("rating", 4.5).build())).containsExactly(BIG_BEN, "kinderdijk");
    assertThat(ids(F.lte("rating", 4.5).build())).containsExactly(BIG_BEN, "eiffel", "kinderdijk");
    assertThat(ids(F.in("country", "FR", "IT").build())).containsExactly("colosseum", "eiffel");
    assertThat(ids(F.nin("country", "FR", "IT").build())).containsExactly(BIG_BEN, "kinderdijk", "rijks");
    assertThat(ids(F.in("year", 80, 1740).build())).containsExactly("colosseum", "kinderdijk");
    assertThat(ids(F.and(F.eq("country", "NL"), F.gt("year", 1800)).build())).containsExactly("rijks");
    assertThat(ids(F.or(F.eq("country", "FR"), F.gte("rating", 4.7)).build())).containsExactly("colosseum", "eiffel");
    assertThat(ids(F.not(F.eq("country", "NL")).build())).containsExactly(BIG_BEN, "colosseum", "eiffel");
    assertThat(ids(F.isNull("active").build())).containsExactly("kinderdijk");
    assertThat(ids(F.isNotNull("active").build())).containsExactly(BIG_BEN, "colosseum", "eiffel", "rijks");
    assertThat(ids(F.eq("active", false).build())).containsExactly("rijks");
    assertThat(ids(F.eq("rating", 4.6).build())).containsExactly("rijks");
    assertThat(ids(F.not(F.group(F.or(F.eq("country", "NL"), F.lt("year", 100)))).build()))
        .containsExactly(BIG_BEN, "eiffel");
  }

  @Test
  void textFilterExpressionsAreParsedAndApplied() {
    List<String> found = store.similaritySearch(SearchRequest.builder().query("museum").topK(10)
        .filterExpression("country in ['NL', 'UK'] && year >= 1800").build()).stream().map(Document::getId).sorted().toList();
    assertThat(found).containsExactly(BIG_BEN, "rijks");
  }

  @Test
  void searchReturnsTheDocumentAsAddedBestFirstWithItsScore() {
    List<Document> hits = store.similaritySearch(SearchRequest.builder().query("clock tower bell London").topK(2).build());
    assertThat(hits).hasSize(2);
    Document best = hits.get(0);
    assertThat(best.getId()).isEqualTo(BIG_BEN);
    assertThat(best.getText()).isEqualTo("Big Ben is the bell of the clock tower in London");
    assertThat(best.getMetadata()).containsEntry("country", "UK").containsEntry("year", 1859L)
        .containsEntry("rating", 4.4).containsEntry("active", true).doesNotContainKeys("doc_content", "citadel_id");
    assertThat(best.getScore()).isGreaterThan(hits.get(1).getScore());
    assertThat((Double) best.getMetadata().get("distance")).isCloseTo(1 - best.getScore(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void topKAndSimilarityThresholdBoundTheResults() {
    List<Document> all = store.similaritySearch(SearchRequest.builder().query("Paris iron tower").topK(10).build());
    assertThat(all).hasSize(5);
    assertThat(store.similaritySearch(SearchRequest.builder().query("Paris iron tower").topK(3).build()))
        .extracting(Document::getId).containsExactlyElementsOf(all.subList(0, 3).stream().map(Document::getId).toList());
    double second = all.get(1).getScore();
    List<Document> above = store.similaritySearch(SearchRequest.builder().query("Paris iron tower").topK(10)
        .similarityThreshold(second + 1e-4).build());
    assertThat(above).extracting(Document::getId).containsExactly(all.get(0).getId());
    assertThat(store.similaritySearch(SearchRequest.builder().query("Paris iron tower").topK(10)
        .similarityThreshold(second - 1e-4).build())).hasSize(2);
  }

  @Test
  void nonUuidIdsAreStableAndOverwrittenNotDuplicated() {
    store.add(List.of(doc("eiffel", "The Eiffel Tower was finished in 1889", Map.of("country", "FR", "year", 1889))));
    List<Document> eiffel = store.similaritySearch(SearchRequest.builder().query("Eiffel").topK(10)
        .filterExpression(F.eq("country", "FR").build()).build());
    assertThat(eiffel).extracting(Document::getId).containsExactly("eiffel");
    assertThat(eiffel.get(0).getText()).isEqualTo("The Eiffel Tower was finished in 1889");
    assertThat(vectors.get(store.collection().name(), List.of(PointId.fromKey("eiffel")), false).get(0).payload())
        .containsEntry(CitadelVectorStore.ID_KEY, "eiffel");
    assertThat(vectors.get(store.collection().name(), List.of(PointId.of(UUID.fromString(BIG_BEN))), false).get(0)
        .payload()).as("a canonical UUID is the point id itself").doesNotContainKey(CitadelVectorStore.ID_KEY);
  }

  @Test
  void deleteByIdsAndByFilter() {
    store.delete(List.of("eiffel", BIG_BEN));
    assertThat(ids(null)).containsExactly("colosseum", "kinderdijk", "rijks");
    store.delete(F.eq("country", "NL").build());
    assertThat(ids(null)).containsExactly("colosseum");
  }

  @Test
  void writesFollowTheBatchingStrategyAndTheUpsertBatchSize() {
    OnnxEmbeddingModel counting = new OnnxEmbeddingModel();
    CitadelVectorStore batched = CitadelVectorStore.builder(vectors, counting).collection(store.collection())
        .batchingStrategy(docs -> IntStream.range(0, (docs.size() + 3) / 4)
            .mapToObj(i -> docs.subList(i * 4, Math.min(docs.size(), i * 4 + 4))).toList())
        .build();
    List<Document> many = IntStream.range(0, 10).mapToObj(i -> doc("batch-" + i, "note number " + i, Map.of("batch", i)))
        .toList();
    batched.add(many);
    assertThat(counting.callSizes()).containsExactly(4, 4, 2);
    assertThat(vectors.count(store.collection().name(), VectorFilter.builder().condition(
        new VectorFilter.Not(new VectorFilter.IsEmpty("batch"))).build())).isEqualTo(10);
  }

  @Test
  void unsupportedFiltersAndReservedKeysAreRefusedByName() {
    assertThatThrownBy(() -> ids(F.gt("country", "NL").build()))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("filter"))
        .hasMessageContaining("GT on key 'country'").hasMessageContaining("only for numbers");
    assertThatThrownBy(() -> store.add(List.of(doc("x", "text", Map.of("doc_content", "clash")))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("metadata"));
    assertThat(ids(null)).hasSize(5);
  }

  @Test
  void operationsAreObservedWithTheCollectionAndMetric() {
    List<VectorStoreObservationContext> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return context instanceof VectorStoreObservationContext;
      }

      @Override
      public void onStop(Observation.Context context) {
        seen.add((VectorStoreObservationContext) context);
      }
    });
    CitadelVectorStore observed = CitadelVectorStore.builder(vectors, model).collection(store.collection())
        .observationRegistry(registry).build();
    observed.add(List.of(doc("observed", "an observed write", Map.of("country", "DE"))));
    observed.similaritySearch(SearchRequest.builder().query("observed").topK(1).build());
    observed.delete(List.of("observed"));
    assertThat(seen).extracting(VectorStoreObservationContext::getOperationName).containsExactly("add", "query", "delete");
    assertThat(seen).allSatisfy(c -> {
      assertThat(c.getDatabaseSystem()).isEqualTo("qdrant");
      assertThat(c.getCollectionName()).isEqualTo(store.collection().name());
      assertThat(c.getDimensions()).isEqualTo(OnnxEmbeddingModel.DIMENSIONS);
      assertThat(c.getSimilarityMetric()).isEqualTo("cosine");
    });
  }
}
