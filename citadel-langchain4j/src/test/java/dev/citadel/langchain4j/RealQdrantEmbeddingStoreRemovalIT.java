package dev.citadel.langchain4j;

import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.langchain4j.support.QdrantTargets;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CitadelEmbeddingStoreRemovalIT} against a real Qdrant: the test kit's, a container where a
 * Docker engine answers or an external one. Without one, every test is skipped with
 * {@link QdrantTargets#NO_REAL_QDRANT} as the reason.
 */
@ExtendWith(QdrantTargets.RealQdrantOnly.class)
class RealQdrantEmbeddingStoreRemovalIT extends CitadelEmbeddingStoreRemovalIT {
  @Override
  protected QdrantServer target() {
    return QdrantTargets.real();
  }
}
