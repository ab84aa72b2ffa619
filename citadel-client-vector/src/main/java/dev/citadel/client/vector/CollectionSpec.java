package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a Qdrant collection should look like: its vectors (size, distance, HNSW m), the payload
 * fields to index, and optional distributed settings (when null, {@code qdrant.collections.*}
 * from the config apply). Immutable. The four default collections of the deployment (seed 004
 * §3.1) are constants, listed by {@link #defaultCollections()}.
 *
 * @param name the collection name (letters, digits, {@code _} and {@code -}, at most 255)
 * @param vectorSize dimensions of every vector (1 to 65536)
 * @param distance how vectors are compared
 * @param hnswM edges per node of the HNSW graph
 * @param payloadIndexes payload fields to index, with their type, in order
 * @param shardNumber shards, or null for the configured default
 * @param replicationFactor replicas per shard, or null for the configured default
 * @param writeConsistencyFactor replicas confirming a write, or null for the configured default
 */
public record CollectionSpec(
    String name,
    int vectorSize,
    Distance distance,
    int hnswM,
    Map<String, PayloadFieldType> payloadIndexes,
    Integer shardNumber,
    Integer replicationFactor,
    Integer writeConsistencyFactor) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  /** The default HNSW m (Qdrant's, and the deployment's but for {@code code}). */
  public static final int DEFAULT_HNSW_M = 16;

  /** The payload indexes of document-chunk collections: the fields the search filters use. */
  public static final Map<String, PayloadFieldType> CHUNK_INDEXES = chunkIndexes();

  /** {@code documents}: 768-d nomic-embed-text, Cosine, m=16. */
  public static final CollectionSpec DOCUMENTS = chunks("documents", 768, DEFAULT_HNSW_M);
  /** {@code chat_history}: 768-d nomic-embed-text, Cosine, m=16. */
  public static final CollectionSpec CHAT_HISTORY = chunks("chat_history", 768, DEFAULT_HNSW_M);
  /** {@code code}: 4096-d codellama, Cosine, m=24. */
  public static final CollectionSpec CODE = chunks("code", 4096, 24);
  /** {@code knowledge}: 768-d nomic-embed-text, Cosine, m=16. */
  public static final CollectionSpec KNOWLEDGE = chunks("knowledge", 768, DEFAULT_HNSW_M);

  /** Validates every field and copies the index map. */
  public CollectionSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidArgumentException("name", "a collection name must be 1 to 255 letters, digits, '_' or '-', was '"
          + name + "'");
    }
    if (vectorSize < 1 || vectorSize > 65_536) {
      throw new InvalidArgumentException("vectorSize", "must be between 1 and 65536, was " + vectorSize);
    }
    Objects.requireNonNull(distance, "distance");
    if (hnswM < 0) {
      throw new InvalidArgumentException("hnswM", "must not be negative, was " + hnswM);
    }
    payloadIndexes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(payloadIndexes,
        "payloadIndexes")));
    positiveOrNull("shardNumber", shardNumber);
    positiveOrNull("replicationFactor", replicationFactor);
    positiveOrNull("writeConsistencyFactor", writeConsistencyFactor);
  }

  private static void positiveOrNull(String what, Integer value) {
    if (value != null && value < 1) {
      throw new InvalidArgumentException(what, "must be positive, was " + value);
    }
  }

  /** The four default collections, in this order: documents, chat_history, code, knowledge. */
  public static List<CollectionSpec> defaultCollections() {
    return List.of(DOCUMENTS, CHAT_HISTORY, CODE, KNOWLEDGE);
  }

  /** A builder for a user-defined collection: Cosine, m=16, no indexes, configured distribution. */
  public static Builder builder(String name, int vectorSize) {
    return new Builder(name, vectorSize);
  }

  /** A builder holding this spec's values. */
  public Builder toBuilder() {
    Builder b = new Builder(name, vectorSize).distance(distance).hnswM(hnswM).shardNumber(shardNumber)
        .replicationFactor(replicationFactor).writeConsistencyFactor(writeConsistencyFactor);
    b.indexes.putAll(payloadIndexes);
    return b;
  }

  private static CollectionSpec chunks(String name, int size, int m) {
    return new CollectionSpec(name, size, Distance.COSINE, m, CHUNK_INDEXES, null, null, null);
  }

  private static Map<String, PayloadFieldType> chunkIndexes() {
    Map<String, PayloadFieldType> m = new LinkedHashMap<>();
    m.put(DocumentChunk.FILE_ID, PayloadFieldType.KEYWORD);
    m.put(DocumentChunk.FILE_TYPE, PayloadFieldType.KEYWORD);
    m.put(DocumentChunk.TAGS, PayloadFieldType.KEYWORD);
    m.put(DocumentChunk.CREATED_AT, PayloadFieldType.DATETIME);
    return Collections.unmodifiableMap(m);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final int vectorSize;
    private Distance distance = Distance.COSINE;
    private int hnswM = DEFAULT_HNSW_M;
    private final Map<String, PayloadFieldType> indexes = new LinkedHashMap<>();
    private Integer shardNumber;
    private Integer replicationFactor;
    private Integer writeConsistencyFactor;

    private Builder(String name, int vectorSize) {
      this.name = name;
      this.vectorSize = vectorSize;
    }

    /** Distance; default Cosine. */
    public Builder distance(Distance value) {
      this.distance = value;
      return this;
    }

    /** HNSW m; default 16. */
    public Builder hnswM(int value) {
      this.hnswM = value;
      return this;
    }

    /** Indexes {@code field} as {@code type}. */
    public Builder index(String field, PayloadFieldType type) {
      indexes.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(type, "type"));
      return this;
    }

    /** Shards; null for the configured default. */
    public Builder shardNumber(Integer value) {
      this.shardNumber = value;
      return this;
    }

    /** Replicas per shard; null for the configured default. */
    public Builder replicationFactor(Integer value) {
      this.replicationFactor = value;
      return this;
    }

    /** Replicas confirming a write; null for the configured default. */
    public Builder writeConsistencyFactor(Integer value) {
      this.writeConsistencyFactor = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException naming the bad field
     */
    public CollectionSpec build() {
      return new CollectionSpec(name, vectorSize, distance, hnswM, indexes, shardNumber, replicationFactor,
          writeConsistencyFactor);
    }
  }
}
