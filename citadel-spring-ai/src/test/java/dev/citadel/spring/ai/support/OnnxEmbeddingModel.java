package dev.citadel.spring.ai.support;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * Real embeddings for tests as a Spring AI {@link EmbeddingModel}: LangChain4j's in-jar quantized
 * all-MiniLM-L6-v2 ONNX model (384 dimensions; nothing downloaded at run time). Counts the
 * embedding calls, so tests can see batches.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {
  /** The model's vector size. */
  public static final int DIMENSIONS = 384;
  private static AllMiniLmL6V2QuantizedEmbeddingModel shared;

  private final AllMiniLmL6V2QuantizedEmbeddingModel model;
  private final List<Integer> callSizes = new ArrayList<>();

  public OnnxEmbeddingModel() {
    synchronized (OnnxEmbeddingModel.class) {
      if (shared == null) {
        shared = new AllMiniLmL6V2QuantizedEmbeddingModel();
      }
      this.model = shared;
    }
  }

  @Override
  public synchronized EmbeddingResponse call(EmbeddingRequest request) {
    callSizes.add(request.getInstructions().size());
    List<TextSegment> segments = request.getInstructions().stream().map(TextSegment::from).toList();
    List<dev.langchain4j.data.embedding.Embedding> out = model.embedAll(segments).content();
    List<Embedding> results = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      results.add(new Embedding(out.get(i).vector(), i));
    }
    return new EmbeddingResponse(results);
  }

  @Override
  public float[] embed(Document document) {
    return embed(getEmbeddingContent(document));
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  /** The number of texts of each embedding call so far, in order. */
  public synchronized List<Integer> callSizes() {
    return List.copyOf(callSizes);
  }
}
