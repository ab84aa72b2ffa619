package dev.citadel.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.spring.ai.support.OnnxEmbeddingModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;

/** The README's Spring AI RAG example, compiled and run as written (between the markers). */
class SpringAiRagExampleIT {

  @Test
  void theReadmeExampleIngestsAndRetrieves() {
    CitadelConfig config = CitadelConfig.fromValues(CitadelTestKit.config(CitadelTestKit.qdrant()).values());
    EmbeddingModel embeddingModel = new OnnxEmbeddingModel();
    String collection = "readme_spring_ai_" + Long.toString(System.currentTimeMillis(), 36);
    List<Document> context;
    // README:begin
    try (CitadelVectors vectors = CitadelVectors.create(config)) {
      VectorStore store = CitadelVectorStore.builder(vectors, embeddingModel)
          .collection(collection).build();                     // ensures the collection
      store.add(List.of(
          new Document("handbook-1", "Expenses are reimbursed within 30 days.", Map.of("team", "finance")),
          new Document("handbook-2", "Laptops are replaced every three years.", Map.of("team", "it"))));
      context = store.similaritySearch(SearchRequest.builder().query("When do I get my money back?")
          .topK(1).filterExpression("team == 'finance'").build());
      // prompt = question + context.get(0).getText(), then the host's own chat call
      // README:end
      vectors.drop(collection);
    }
    assertThat(context).extracting(Document::getId).containsExactly("handbook-1");
  }
}
