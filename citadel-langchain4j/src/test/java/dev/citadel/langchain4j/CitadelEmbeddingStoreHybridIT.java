package dev.citadel.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionSpecConflictException;
import dev.citadel.client.vector.HybridSearchRequest;
import dev.citadel.client.vector.SparseModifier;
import dev.citadel.langchain4j.support.QdrantTargets;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hybrid store (dense + BM25 sparse, fused by Qdrant) against the local Qdrant with real
 * embeddings (the in-jar ONNX model), searched the way LangChain4j's own
 * {@link EmbeddingStoreContentRetriever} searches (its requests carry the query text). The fixture
 * is built so that the answer needs the lexical match: the query names an error code that one
 * segment holds, and six segments paraphrase the query's subject ("dish washing machine", "fault
 * code") without sharing any of its words, so the embedding ranks them above the one holding the
 * code, while BM25 finds only that one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitadelEmbeddingStoreHybridIT {
  private static final String QUERY = "dishwasher error E7731";
  private static final String ANSWER = "E7731 means the drain pump is blocked: clean the filter under the lower basket.";
  private static final List<String> TEXTS = List.of(ANSWER,
      "Fault codes on the dish washing machine display and what each one means.",
      "The dish washing machine shows a fault code after the cycle stops.",
      "Reset the dish washing machine when a fault code blinks on its screen.",
      "Dish washing machine fault list: codes, causes and fixes.",
      "When the dish washing appliance reports a fault, note the code on its panel.",
      "Troubleshooting dish washing machine faults shown as codes.",
      "The oven light stays on for a minute after cooking.",
      "Store coffee beans in an airtight jar away from light.");

  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final EmbeddingModel model = QdrantTargets.embeddingModel();
  private final List<String> collections = new ArrayList<>();
  private CitadelVectors vectors;
  private CitadelEmbeddingStore dense;
  private CitadelEmbeddingStore hybrid;

  @BeforeAll
  void start() {
    vectors = QdrantTargets.vectors(QdrantTargets.local());
    dense = store("lc4j_dense_" + run, false);
    hybrid = store("lc4j_hybrid_" + run, true);
    List<TextSegment> segments = TEXTS.stream()
        .map(t -> TextSegment.from(t, Metadata.from("kind", t == ANSWER ? "code" : "guide"))).toList();
    List<Embedding> embeddings = model.embedAll(segments).content();
    List<String> ids = List.of("e7731", "f1", "f2", "f3", "f4", "f5", "f6", "oven", "coffee");
    dense.addAll(ids, embeddings, segments);
    hybrid.addAll(ids, embeddings, segments);
  }

  private CitadelEmbeddingStore store(String name, boolean hybridSearch) {
    collections.add(name);
    return CitadelEmbeddingStore.builder(vectors).collection(name, QdrantTargets.DIMENSION).hybrid(hybridSearch)
        .build();
  }

  @AfterAll
  void stop() {
    collections.forEach(vectors::drop);
    vectors.close();
  }

  private static List<String> texts(List<Content> contents) {
    return contents.stream().map(c -> c.textSegment().text()).toList();
  }

  private static EmbeddingStoreContentRetriever retriever(CitadelEmbeddingStore store, EmbeddingModel model) {
    return EmbeddingStoreContentRetriever.builder().embeddingStore(store).embeddingModel(model).maxResults(3).build();
  }

  @Test
  void theAnswerThatNeedsTheExactCodeIsRetrievedByHybridSearchAndNotByDenseSearch() {
    assertThat(texts(retriever(dense, model).retrieve(Query.from(QUERY))))
        .as("the paraphrases are nearer to the query's embedding").hasSize(3).doesNotContain(ANSWER);

    assertThat(texts(retriever(hybrid, model).retrieve(Query.from(QUERY)))).hasSize(3).startsWith(ANSWER);

    // Only the answer holds a query word, so BM25 ranks it first: RRF gives it 1/2 plus its dense
    // share, more than the 1/2 of the dense list's first. Matches carry their embeddings.
    List<EmbeddingMatch<TextSegment>> matches = hybrid.search(EmbeddingSearchRequest.builder().query(QUERY)
        .queryEmbedding(model.embed(QUERY).content()).maxResults(3).build()).matches();
    assertThat(matches.get(0).embeddingId()).isEqualTo("e7731");
    assertThat(matches.get(0).score()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(matches.get(1).score()).isLessThanOrEqualTo(0.5);
    assertThat(matches.get(0).embedded().metadata().getString("kind")).isEqualTo("code");
    assertThat(matches.get(0).embedding()).isEqualTo(model.embed(ANSWER).content());
  }

  @Test
  void theCollectionHasTheSparseVectorAndMinScoreAndFiltersApplyToFusedHits() {
    assertThat(hybrid.hybrid()).isTrue();
    assertThat(vectors.describe(hybrid.collection().name()).sparseVectors())
        .containsEntry(HybridSearchRequest.DEFAULT_SPARSE_VECTOR, SparseModifier.IDF);
    Embedding query = model.embed(QUERY).content();

    // Fused scores: only a segment in both rankings passes 1/2.
    assertThat(hybrid.search(EmbeddingSearchRequest.builder().query(QUERY).queryEmbedding(query).maxResults(5)
        .minScore(0.51).build()).matches()).extracting(EmbeddingMatch::embeddingId).containsExactly("e7731");
    assertThat(hybrid.search(EmbeddingSearchRequest.builder().query(QUERY).queryEmbedding(query).maxResults(3)
        .filter(dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey("kind").isEqualTo("guide"))
        .build()).matches()).hasSize(3).extracting(EmbeddingMatch::embeddingId).doesNotContain("e7731");
  }

  @Test
  void aRequestWithoutQueryTextIsAnsweredByDenseSearchWithRelevanceScores() {
    Embedding query = model.embed(QUERY).content();
    List<EmbeddingMatch<TextSegment>> fromHybrid = hybrid.search(EmbeddingSearchRequest.builder()
        .queryEmbedding(query).maxResults(4).build()).matches();
    List<EmbeddingMatch<TextSegment>> fromDense = dense.search(EmbeddingSearchRequest.builder()
        .queryEmbedding(query).maxResults(4).build()).matches();
    assertThat(fromHybrid).extracting(EmbeddingMatch::embeddingId)
        .containsExactlyElementsOf(fromDense.stream().map(EmbeddingMatch::embeddingId).toList());
    assertThat(fromHybrid).extracting(EmbeddingMatch::score)
        .containsExactlyElementsOf(fromDense.stream().map(EmbeddingMatch::score).toList());
  }

  @Test
  void aHybridStoreOverACollectionWithoutTheSparseVectorIsRefused() {
    assertThatThrownBy(() -> CitadelEmbeddingStore.builder(vectors).collection(dense.collection()).hybrid(true)
        .build()).isInstanceOf(CollectionSpecConflictException.class).hasMessageContaining(dense.collection().name());
    assertThatThrownBy(() -> CitadelEmbeddingStore.builder(vectors).collection(CollectionSpec.builder("lc4j_named_" + run)
        .namedVector("body", QdrantTargets.DIMENSION, dev.citadel.client.vector.Distance.COSINE).build())
        .hybrid(true).build())
        .isInstanceOf(dev.citadel.client.InvalidArgumentException.class).hasMessageContaining("named vectors");
  }
}
