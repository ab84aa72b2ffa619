package dev.citadel.spring.ai;

import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PayloadFieldType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the auto-configured {@link CitadelVectorStore}, under
 * {@code citadel.ai.vectorstore}. The Qdrant connection itself comes from the SDK's
 * {@code qdrant:} config section (the {@code CitadelVectors} bean).
 */
@ConfigurationProperties(prefix = CitadelVectorStoreProperties.PREFIX)
public class CitadelVectorStoreProperties {
  /** The property prefix. */
  public static final String PREFIX = "citadel.ai.vectorstore";
  /** Default collection name. */
  public static final String DEFAULT_COLLECTION_NAME = "spring_ai_documents";

  private String collectionName = DEFAULT_COLLECTION_NAME;
  private Integer dimensions;
  private Distance distance = Distance.COSINE;
  private boolean initializeSchema = true;
  private boolean hybrid;
  private Map<String, PayloadFieldType> payloadIndexes = new LinkedHashMap<>();

  /** The collection (default {@value #DEFAULT_COLLECTION_NAME}). */
  public String getCollectionName() {
    return collectionName;
  }

  public void setCollectionName(String collectionName) {
    this.collectionName = collectionName;
  }

  /** Vector size; null (default) for the embedding model's dimensions. */
  public Integer getDimensions() {
    return dimensions;
  }

  public void setDimensions(Integer dimensions) {
    this.dimensions = dimensions;
  }

  /** How vectors are compared (default Cosine). */
  public Distance getDistance() {
    return distance;
  }

  public void setDistance(Distance distance) {
    this.distance = distance;
  }

  /** Whether the store ensures its collection and payload indexes at start (default true). */
  public boolean isInitializeSchema() {
    return initializeSchema;
  }

  public void setInitializeSchema(boolean initializeSchema) {
    this.initializeSchema = initializeSchema;
  }

  /**
   * Whether similarity searches fuse dense hits with BM25 matches of the query text in Qdrant
   * (default false; see {@link CitadelVectorStore.Builder#hybrid(boolean)}).
   */
  public boolean isHybrid() {
    return hybrid;
  }

  public void setHybrid(boolean hybrid) {
    this.hybrid = hybrid;
  }

  /** Metadata keys to index, with their type (e.g. {@code country: keyword}). */
  public Map<String, PayloadFieldType> getPayloadIndexes() {
    return payloadIndexes;
  }

  public void setPayloadIndexes(Map<String, PayloadFieldType> payloadIndexes) {
    this.payloadIndexes = payloadIndexes;
  }
}
