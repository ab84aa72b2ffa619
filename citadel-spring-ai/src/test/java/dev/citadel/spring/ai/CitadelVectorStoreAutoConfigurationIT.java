package dev.citadel.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.spring.ai.support.KitVectors;
import dev.citadel.spring.ai.support.OnnxEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configuration with user-supplied {@link CitadelVectors} and {@link EmbeddingModel}
 * beans (the starter is another module): a store when both are there, shaped by the
 * {@code citadel.ai.vectorstore.*} properties; none without either; none when the application has
 * its own {@link VectorStore}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitadelVectorStoreAutoConfigurationIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private final OnnxEmbeddingModel model = new OnnxEmbeddingModel();
  private CitadelVectors vectors;
  private ApplicationContextRunner runner;

  @BeforeAll
  void start() {
    vectors = KitVectors.create(64);
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CitadelVectorStoreAutoConfiguration.class));
  }

  @AfterAll
  void stop() {
    vectors.close();
  }

  @Test
  void aStoreOverTheApplicationsBeansShapedByTheProperties() {
    String collection = "autoconf_" + RUN;
    runner.withBean(CitadelVectors.class, () -> vectors, b -> b.setDestroyMethodName(""))
        .withBean(EmbeddingModel.class, () -> model)
        .withPropertyValues("citadel.ai.vectorstore.collection-name=" + collection,
            "citadel.ai.vectorstore.distance=dot", "citadel.ai.vectorstore.payload-indexes.country=keyword")
        .run(context -> {
          assertThat(context).hasSingleBean(VectorStore.class);
          CitadelVectorStore store = context.getBean(CitadelVectorStore.class);
          assertThat(store.collection().name()).isEqualTo(collection);
          assertThat(vectors.describe(collection).vectorSize()).isEqualTo(OnnxEmbeddingModel.DIMENSIONS);
          assertThat(vectors.describe(collection).distance()).isEqualTo(Distance.DOT);
          assertThat(vectors.describe(collection).payloadIndexes()).containsEntry("country", PayloadFieldType.KEYWORD);
          store.add(List.of(new Document("auto-1", "configured by Spring Boot", java.util.Map.of("country", "NL"))));
          assertThat(store.similaritySearch(SearchRequest.builder().query("Spring Boot").topK(1).build()))
              .extracting(Document::getId).containsExactly("auto-1");
        });
    vectors.drop(collection);
  }

  @Test
  void theHybridPropertyGivesAHybridStoreWithTheSparseVector() {
    String collection = "autoconf_hybrid_" + RUN;
    runner.withBean(CitadelVectors.class, () -> vectors, b -> b.setDestroyMethodName(""))
        .withBean(EmbeddingModel.class, () -> model)
        .withPropertyValues("citadel.ai.vectorstore.collection-name=" + collection, "citadel.ai.vectorstore.hybrid=true")
        .run(context -> {
          CitadelVectorStore store = context.getBean(CitadelVectorStore.class);
          assertThat(store.hybrid()).isTrue();
          assertThat(vectors.describe(collection).sparseVectors()).containsKey("text");
        });
    vectors.drop(collection);
  }

  @Test
  void noStoreWithoutCitadelVectorsOrEmbeddingModel() {
    runner.withBean(EmbeddingModel.class, () -> model)
        .run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
    runner.withBean(CitadelVectors.class, () -> vectors, b -> b.setDestroyMethodName(""))
        .run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
  }

  @Test
  void noStoreWithoutTheVectorModuleOnTheClassPath() {
    runner.withClassLoader(new FilteredClassLoader(CitadelVectors.class))
        .withBean(EmbeddingModel.class, () -> model)
        .run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
  }

  @Test
  void theApplicationsOwnVectorStoreWins() {
    runner.withBean(CitadelVectors.class, () -> vectors, b -> b.setDestroyMethodName(""))
        .withBean(EmbeddingModel.class, () -> model)
        .withBean(VectorStore.class, () -> SimpleVectorStore.builder(model).build())
        .run(context -> {
          assertThat(context).hasSingleBean(VectorStore.class);
          assertThat(context).doesNotHaveBean(CitadelVectorStore.class);
        });
  }
}
