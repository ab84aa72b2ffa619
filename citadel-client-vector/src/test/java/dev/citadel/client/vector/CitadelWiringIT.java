package dev.citadel.client.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.Citadel;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.vector.support.VectorTestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code Citadel} finds the vector module through its ServiceLoader provider. */
@ExtendWith(CitadelTestKitExtension.class)
class CitadelWiringIT {

  @Test
  void citadelCreatesReportsAndClosesTheVectorClient(TestDatabase db) {
    CitadelVectors vectors;
    try (Citadel citadel = Citadel.create(VectorTestConfigs.citadel(db,
        VectorTestConfigs.qdrant(CitadelTestKit.qdrant()).build()))) {
      vectors = citadel.extension(CitadelVectors.class).orElseThrow();
      vectors.ensure(CollectionSpec.builder("wired", 2).build());
      assertThat(citadel.health().check("qdrant").orElseThrow().isUp()).isTrue();
      assertThat(citadel.health().check("qdrant.collection.wired").orElseThrow().isUp()).isTrue();
    }
    assertThatThrownBy(() -> vectors.count("wired", VectorFilter.none())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void withoutAQdrantSectionThereIsNoVectorClient(TestDatabase db) {
    var config = VectorTestConfigs.citadel(db, QdrantConfig.builder().build()).toBuilder()
        .removeSection(QdrantConfig.class).build();
    try (Citadel citadel = Citadel.create(config)) {
      assertThat(citadel.extension(CitadelVectors.class)).isEmpty();
    }
  }
}
