package dev.citadel.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.langchain4j.support.QdrantTargets;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * LangChain4j's own conformance suite {@link EmbeddingStoreWithRemovalIT} against the local Qdrant
 * server, every test of it ({@code removeAll()}, by ids and by filter are all supported).
 * {@link RealQdrantEmbeddingStoreRemovalIT} runs the same against a real Qdrant.
 */
class CitadelEmbeddingStoreRemovalIT extends EmbeddingStoreWithRemovalIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static CitadelVectors vectors;
  private static CitadelEmbeddingStore store;

  /** The Qdrant this class runs against. */
  protected QdrantServer target() {
    return QdrantTargets.local();
  }

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      vectors = QdrantTargets.vectors(target());
      store = CitadelEmbeddingStore.builder(vectors)
          .collection("lc4j_removal_" + getClass().getSimpleName().toLowerCase() + "_" + RUN, QdrantTargets.DIMENSION)
          .build();
    }
    return store;
  }

  @BeforeEach
  void startEmpty() {
    embeddingStore().removeAll();
    assertThat(getAllEmbeddings()).isEmpty();
  }

  @AfterAll
  static void closeClient() {
    if (vectors != null) {
      vectors.drop(store.collection().name());
      vectors.close();
      vectors = null;
      store = null;
    }
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return QdrantTargets.embeddingModel();
  }
}
