package dev.citadel.spring.ai;

import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link CitadelVectorStore} bean when the application has a {@link CitadelVectors} bean (the
 * Citadel starter's, or its own) and a Spring AI {@link EmbeddingModel} bean, and defines no
 * {@link VectorStore} of its own. Settings: {@link CitadelVectorStoreProperties}
 * ({@code citadel.ai.vectorstore.*}); an {@link ObservationRegistry},
 * {@link VectorStoreObservationConvention} or {@link BatchingStrategy} bean is used when present.
 */
@AutoConfiguration(afterName = "dev.citadel.spring.boot.CitadelAutoConfiguration")
@ConditionalOnClass({VectorStore.class, EmbeddingModel.class, CitadelVectors.class})
@ConditionalOnBean({CitadelVectors.class, EmbeddingModel.class})
@EnableConfigurationProperties(CitadelVectorStoreProperties.class)
public class CitadelVectorStoreAutoConfiguration {

  /** The store over the {@code CitadelVectors} bean (which stays the application's). */
  @Bean
  @ConditionalOnMissingBean(VectorStore.class)
  public CitadelVectorStore citadelVectorStore(CitadelVectors vectors, EmbeddingModel embeddingModel,
      CitadelVectorStoreProperties properties, ObjectProvider<ObservationRegistry> observationRegistry,
      ObjectProvider<VectorStoreObservationConvention> convention, ObjectProvider<BatchingStrategy> batching) {
    int dimensions = properties.getDimensions() != null ? properties.getDimensions() : embeddingModel.dimensions();
    CollectionSpec.Builder spec = CollectionSpec.builder(properties.getCollectionName(), dimensions)
        .distance(properties.getDistance());
    properties.getPayloadIndexes().forEach(spec::index);
    CitadelVectorStore.Builder builder = CitadelVectorStore.builder(vectors, embeddingModel)
        .collection(spec.build())
        .ensureCollection(properties.isInitializeSchema())
        .hybrid(properties.isHybrid())
        .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
    convention.ifAvailable(builder::customObservationConvention);
    batching.ifAvailable(builder::batchingStrategy);
    return builder.build();
  }
}
