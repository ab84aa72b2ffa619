package dev.citadel.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionSpecConflictException;
import dev.citadel.client.vector.HybridSearchRequest;
import dev.citadel.client.vector.SparseModifier;
import dev.citadel.spring.ai.support.KitVectors;
import dev.citadel.spring.ai.support.OnnxEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * The hybrid store (dense + BM25 sparse, fused by Qdrant) against the test kit's Qdrant with real
 * embeddings (the in-jar ONNX model). The fixture is built so that the answer needs the lexical
 * match: the query names an error code that one document holds, and six documents paraphrase the
 * query's subject ("dish washing machine", "fault code") without sharing any of its words, so the
 * embedding ranks them above the one holding the code, while BM25 finds only that one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitadelVectorStoreHybridIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final String QUERY = "dishwasher error E7731";
  private static final String ANSWER = "code-e7731";
  private static final List<Document> DOCUMENTS = List.of(
      new Document(ANSWER, "E7731 means the drain pump is blocked: clean the filter under the lower basket.",
          Map.of("kind", "code")),
      new Document("faults-1", "Fault codes on the dish washing machine display and what each one means.",
          Map.of("kind", "guide")),
      new Document("faults-2", "The dish washing machine shows a fault code after the cycle stops.",
          Map.of("kind", "guide")),
      new Document("faults-3", "Reset the dish washing machine when a fault code blinks on its screen.",
          Map.of("kind", "guide")),
      new Document("faults-4", "Dish washing machine fault list: codes, causes and fixes.", Map.of("kind", "guide")),
      new Document("faults-5", "When the dish washing appliance reports a fault, note the code on its panel.",
          Map.of("kind", "guide")),
      new Document("faults-6", "Troubleshooting dish washing machine faults shown as codes.", Map.of("kind", "guide")),
      new Document("oven", "The oven light stays on for a minute after cooking.", Map.of("kind", "guide")),
      new Document("coffee", "Store coffee beans in an airtight jar away from light.", Map.of("kind", "guide")));

  private final OnnxEmbeddingModel model = new OnnxEmbeddingModel();
  private final List<String> collections = new ArrayList<>();
  private CitadelVectors vectors;
  private CitadelVectorStore dense;
  private CitadelVectorStore hybrid;

  @BeforeAll
  void start() {
    vectors = KitVectors.create(64);
    dense = store("spring_ai_dense_" + RUN, false);
    hybrid = store("spring_ai_hybrid_" + RUN, true);
    dense.add(DOCUMENTS);
    hybrid.add(DOCUMENTS);
  }

  private CitadelVectorStore store(String name, boolean hybridSearch) {
    collections.add(name);
    return CitadelVectorStore.builder(vectors, model).collection(name).hybrid(hybridSearch).build();
  }

  @AfterAll
  void stop() {
    collections.forEach(vectors::drop);
    vectors.close();
  }

  private static List<String> ids(List<Document> documents) {
    return documents.stream().map(Document::getId).toList();
  }

  @Test
  void theAnswerThatNeedsTheExactCodeIsFoundByHybridSearchAndNotByDenseSearch() {
    SearchRequest top3 = SearchRequest.builder().query(QUERY).topK(3).build();

    List<String> byDense = ids(dense.similaritySearch(top3));
    assertThat(byDense).as("the paraphrases are nearer to the query's embedding").hasSize(3).doesNotContain(ANSWER);

    List<Document> byHybrid = hybrid.similaritySearch(top3);
    // Only the answer holds a query word, so BM25 ranks it first: RRF gives it 1/2 plus its dense
    // share, more than the 1/2 of the dense list's first.
    assertThat(ids(byHybrid)).hasSize(3).startsWith(ANSWER);
    assertThat(byHybrid.get(0).getScore()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(byHybrid.get(1).getScore()).isLessThanOrEqualTo(0.5);
    assertThat(byHybrid.get(0).getText()).startsWith("E7731 means");
    assertThat(byHybrid.get(0).getMetadata()).containsEntry("kind", "code");
  }

  @Test
  void theCollectionHasTheSparseVectorAndTheThresholdAndFilterApplyToFusedHits() {
    assertThat(hybrid.hybrid()).isTrue();
    assertThat(hybrid.collection().sparseVectors())
        .containsEntry(HybridSearchRequest.DEFAULT_SPARSE_VECTOR, SparseModifier.IDF);
    assertThat(vectors.describe(hybrid.collection().name()).sparseVectors())
        .containsEntry(HybridSearchRequest.DEFAULT_SPARSE_VECTOR, SparseModifier.IDF);

    // Fused scores: only a document in both rankings passes 1/2.
    assertThat(ids(hybrid.similaritySearch(SearchRequest.builder().query(QUERY).topK(5).similarityThreshold(0.51)
        .build()))).containsExactly(ANSWER);
    assertThat(ids(hybrid.similaritySearch(SearchRequest.builder().query(QUERY).topK(3)
        .filterExpression(new FilterExpressionBuilder().eq("kind", "guide").build()).build())))
        .hasSize(3).doesNotContain(ANSWER);
  }

  @Test
  void aQueryWithoutAWordTheEncoderKeepsIsAnsweredByDenseSearch() {
    SearchRequest stopWords = SearchRequest.builder().query("what is it").topK(4).build();
    List<Document> fromHybrid = hybrid.similaritySearch(stopWords);
    List<Document> fromDense = dense.similaritySearch(stopWords);
    assertThat(ids(fromHybrid)).containsExactlyElementsOf(ids(fromDense));
    assertThat(fromHybrid).extracting(Document::getScore)
        .containsExactlyElementsOf(fromDense.stream().map(Document::getScore).toList());
  }

  @Test
  void aHybridStoreOverACollectionWithoutTheSparseVectorIsRefused() {
    assertThatThrownBy(() -> CitadelVectorStore.builder(vectors, model).collection(dense.collection().name())
        .hybrid(true).build())
        .isInstanceOf(CollectionSpecConflictException.class)
        .hasMessageContaining(dense.collection().name());
    assertThat(CitadelVectorStore.builder(vectors, model).collection(CollectionSpec.builder("spring_ai_named_" + RUN)
        .namedVector("body", OnnxEmbeddingModel.DIMENSIONS, dev.citadel.client.vector.Distance.COSINE).build())
        .hybrid(true)).satisfies(builder -> assertThatThrownBy(builder::build)
        .isInstanceOf(dev.citadel.client.InvalidArgumentException.class).hasMessageContaining("named vectors"));
  }
}
