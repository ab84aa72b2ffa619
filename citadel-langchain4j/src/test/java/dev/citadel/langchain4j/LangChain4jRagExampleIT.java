package dev.citadel.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.vector.CitadelVectors;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/** The README's LangChain4j RAG example, compiled and run as written (between the markers). */
class LangChain4jRagExampleIT {

  @Test
  void theReadmeExampleIngestsAndRetrieves() {
    CitadelConfig config = CitadelConfig.fromValues(CitadelTestKit.config(CitadelTestKit.qdrant()).values());
    String collection = "readme_lc4j_" + Long.toString(System.currentTimeMillis(), 36);
    List<EmbeddingMatch<TextSegment>> context;
    // README:begin
    EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    try (CitadelVectors vectors = CitadelVectors.create(config)) {
      CitadelEmbeddingStore store = CitadelEmbeddingStore.builder(vectors)
          .collection(collection, model.dimension()).build(); // ensures the collection
      List<TextSegment> segments = List.of(
          TextSegment.from("Expenses are reimbursed within 30 days.", Metadata.from("team", "finance")),
          TextSegment.from("Laptops are replaced every three years.", Metadata.from("team", "it")));
      store.addAll(model.embedAll(segments).content(), segments);
      context = store.search(EmbeddingSearchRequest.builder()
          .queryEmbedding(model.embed("When do I get my money back?").content())
          .filter(metadataKey("team").isEqualTo("finance")).maxResults(1).build()).matches();
      // prompt = question + context.get(0).embedded().text(), then the host's own chat call
      // README:end
      vectors.drop(collection);
    }
    assertThat(context).extracting(m -> m.embedded().text()).containsExactly("Expenses are reimbursed within 30 days.");
  }
}
