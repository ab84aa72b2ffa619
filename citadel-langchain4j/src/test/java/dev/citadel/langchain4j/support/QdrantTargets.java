package dev.citadel.langchain4j.support;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.ServerSource;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.qdrant.local.QdrantLocalServer;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two Qdrants the conformance suites run against: the local server (always; the kit's own when
 * the kit runs embedded, else a local server of this JVM) and a real Qdrant (the kit's when it is
 * a container or an external server). And the in-jar ONNX embedding model (384 dimensions).
 */
public final class QdrantTargets {
  /** Why the real-Qdrant runs are skipped when the kit has no real Qdrant. */
  public static final String NO_REAL_QDRANT = "No real Qdrant here: the test kit found no Docker engine and no"
      + " CITADEL_TEST_QDRANT_HOST, so it runs the local server; the same suites ran against it in the"
      + " local-server classes";

  /** The dimension of {@link #embeddingModel()}'s vectors. */
  public static final int DIMENSION = 384;

  private static QdrantServer local;
  private static EmbeddingModel model;

  private QdrantTargets() {}

  /** The local Qdrant-compatible server. */
  public static synchronized QdrantServer local() {
    if (local == null) {
      QdrantServer kit = CitadelTestKit.qdrant();
      // a private server lives as long as this JVM, like the kit's own
      local = kit.source() == ServerSource.EMBEDDED ? kit : CitadelTestKit.qdrant(QdrantLocalServer.start(0));
    }
    return local;
  }

  /** The kit's Qdrant when it is a real one, else null. */
  public static QdrantServer real() {
    QdrantServer kit = CitadelTestKit.qdrant();
    return kit.source() == ServerSource.EMBEDDED ? null : kit;
  }

  /** A client of {@code server} with the kit's quick-failure test defaults. */
  public static CitadelVectors vectors(QdrantServer server) {
    return CitadelVectors.create(CitadelConfig.fromValues(CitadelTestKit.config(server).values()));
  }

  /** The quantized all-MiniLM-L6-v2 model from its jar (no download), shared by the JVM. */
  public static synchronized EmbeddingModel embeddingModel() {
    if (model == null) {
      model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }
    return model;
  }

  /** Skips a class, with {@link #NO_REAL_QDRANT} as the reason, where there is no real Qdrant. */
  public static final class RealQdrantOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return real() == null ? ConditionEvaluationResult.disabled(NO_REAL_QDRANT)
          : ConditionEvaluationResult.enabled("the kit's Qdrant is " + real().source());
    }
  }
}
