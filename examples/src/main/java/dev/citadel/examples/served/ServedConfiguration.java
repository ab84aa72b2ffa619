package dev.citadel.examples.served;

import dev.citadel.client.Citadel;
import dev.citadel.client.ConfigException;
import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.sync.VectorSync;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's parts, built on the starter's {@link Citadel} bean. The service needs every
 * backend: a config without a {@code redis:} or {@code qdrant:} section, or without
 * {@code auth.key_pepper}, fails the start with a {@link ConfigException} naming it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServedProperties.class)
class ServedConfiguration {

  @Bean(destroyMethod = "")
  CitadelCache servedCache(Citadel citadel) {
    return citadel.extension(CitadelCache.class).orElseThrow(() -> new ConfigException("redis",
        "the served application needs a redis: section (citadel.redis.* properties) and citadel-client-cache"));
  }

  @Bean(destroyMethod = "")
  CitadelVectors servedVectors(Citadel citadel) {
    return citadel.extension(CitadelVectors.class).orElseThrow(() -> new ConfigException("qdrant",
        "the served application needs a qdrant: section (citadel.qdrant.* properties) and citadel-client-vector"));
  }

  @Bean(destroyMethod = "")
  ApiKeys servedApiKeys(Citadel citadel) {
    return citadel.apiKeys();
  }

  /** Conversation memory: durable in PostgreSQL, windows cached in Redis DB 4. */
  @Bean
  Conversations servedConversations(Citadel citadel, CitadelCache cache) {
    return cache.conversations(citadel.conversations());
  }

  @Bean
  SdkCalls sdkCalls(MeterRegistry registry) {
    return new SdkCalls(registry);
  }

  @Bean
  Embedder embedder(SdkCalls calls, ServedProperties properties) {
    return new Embedder(calls, properties.embeddingThreads());
  }

  @Bean
  SimulatedModel simulatedModel(ServedProperties properties) {
    return new SimulatedModel(properties.modelLatency(), properties.modelFailureRate());
  }

  /** The collection: the chunk spec of {@code documents} (payload indexes included) at 384 dimensions. */
  @Bean
  CollectionSpec servedCollection(ServedProperties properties) {
    return new CollectionSpec(properties.collection(), Embedder.DIMENSIONS, Distance.COSINE,
        CollectionSpec.DEFAULT_HNSW_M, CollectionSpec.CHUNK_INDEXES, null, null, null);
  }

  /** The outbox sync: registers the collection and relays in the background until the context closes. */
  @Bean(destroyMethod = "close")
  VectorSync servedVectorSync(Citadel citadel, CitadelVectors vectors, CollectionSpec collection) {
    VectorSync sync = VectorSync.create(citadel.database(), vectors);
    sync.registerCollection(collection);
    sync.startRelay();
    return sync;
  }

  @Bean
  FollowUpWorker followUpWorker(CitadelCache cache, ServedProperties properties, MeterRegistry registry) {
    return new FollowUpWorker(cache.queue(properties.followUpQueue()), registry);
  }

  /** Finished spans in the log (OTLP: set {@code management.opentelemetry.tracing.export.otlp.endpoint}). */
  @Bean
  @ConditionalOnProperty(prefix = "served", name = "tracing-log", havingValue = "true", matchIfMissing = true)
  LoggingSpanExporter loggingSpanExporter() {
    return LoggingSpanExporter.create();
  }
}
