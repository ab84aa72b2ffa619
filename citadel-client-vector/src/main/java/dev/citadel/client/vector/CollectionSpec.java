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
 * from the config apply). Its dense vectors are either one unnamed vector ({@code vectorSize},
 * {@code distance}) or named ones ({@code namedVectors}, with {@code vectorSize} 0: Qdrant has no
 * mix of both); either may come with named sparse vectors ({@code sparseVectors}), e.g. for
 * hybrid search. Immutable. The four default collections of the deployment (seed 004
 * §3.1) are constants, listed by {@link #defaultCollections()}.
 *
 * @param name the collection name (letters, digits, {@code _} and {@code -}, at most 255)
 * @param vectorSize dimensions of the unnamed vector (1 to 65536), or 0 when the collection has
 *     named dense vectors instead
 * @param distance how the unnamed vector is compared (ignored when it has none)
 * @param hnswM edges per node of the HNSW graph
 * @param payloadIndexes payload fields to index, with their type, in order
 * @param shardNumber shards, or null for the configured default
 * @param replicationFactor replicas per shard, or null for the configured default
 * @param writeConsistencyFactor replicas confirming a write, or null for the configured default
 * @param namedVectors named dense vectors, in order (empty for the unnamed vector)
 * @param sparseVectors named sparse vectors and their modifier, in order (may be empty)
 */
public record CollectionSpec(
    String name,
    int vectorSize,
    Distance distance,
    int hnswM,
    Map<String, PayloadFieldType> payloadIndexes,
    Integer shardNumber,
    Integer replicationFactor,
    Integer writeConsistencyFactor,
    Map<String, DenseVectorSpec> namedVectors,
    Map<String, SparseModifier> sparseVectors) {

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
    namedVectors = Collections.unmodifiableMap(new LinkedHashMap<>(namedVectors == null ? Map.of() : namedVectors));
    sparseVectors = Collections.unmodifiableMap(new LinkedHashMap<>(sparseVectors == null ? Map.of()
        : sparseVectors));
    if (namedVectors.isEmpty() && (vectorSize < 1 || vectorSize > 65_536)) {
      throw new InvalidArgumentException("vectorSize", "must be between 1 and 65536, was " + vectorSize);
    }
    if (!namedVectors.isEmpty() && vectorSize != 0) {
      throw new InvalidArgumentException("vectorSize", "must be 0 for a collection with named dense vectors "
          + namedVectors.keySet() + " (Qdrant has either one unnamed vector or named ones), was " + vectorSize);
    }
    for (String vector : namedVectors.keySet()) {
      vectorName("namedVectors", vector);
      Objects.requireNonNull(namedVectors.get(vector), "namedVectors[" + vector + "]");
    }
    for (String vector : sparseVectors.keySet()) {
      vectorName("sparseVectors", vector);
      Objects.requireNonNull(sparseVectors.get(vector), "sparseVectors[" + vector + "]");
      if (namedVectors.containsKey(vector)) {
        throw new InvalidArgumentException("sparseVectors", "vector name '" + vector
            + "' is used for a dense and a sparse vector");
      }
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

  /** The spec of a collection with one unnamed dense vector (the form before named vectors). */
  public CollectionSpec(String name, int vectorSize, Distance distance, int hnswM,
      Map<String, PayloadFieldType> payloadIndexes, Integer shardNumber, Integer replicationFactor,
      Integer writeConsistencyFactor) {
    this(name, vectorSize, distance, hnswM, payloadIndexes, shardNumber, replicationFactor, writeConsistencyFactor,
        Map.of(), Map.of());
  }

  /** Whether the dense vectors are named ({@link #namedVectors()}) rather than one unnamed vector. */
  public boolean hasNamedVectors() {
    return !namedVectors.isEmpty();
  }

  /**
   * Whether {@code state} has the vectors this spec asks for: the same unnamed vector, or the same
   * named dense vectors, and the same sparse vectors.
   */
  public boolean vectorsMatch(CollectionState state) {
    return VectorShapes.same(this, state);
  }

  /** This spec's vectors in words, as errors and health lines show them. */
  public String vectorsText() {
    return VectorShapes.describe(vectorSize, distance, namedVectors, sparseVectors);
  }

  private static void vectorName(String what, String vector) {
    if (vector == null || vector.isEmpty()) {
      throw new InvalidArgumentException(what, "a vector name must not be empty");
    }
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

  /**
   * A builder for a collection with named dense vectors (add them with
   * {@link Builder#namedVector}) and no unnamed one; m=16, no indexes, configured distribution.
   */
  public static Builder builder(String name) {
    return new Builder(name, 0);
  }

  /** A builder holding this spec's values. */
  public Builder toBuilder() {
    Builder b = new Builder(name, vectorSize).distance(distance).hnswM(hnswM).shardNumber(shardNumber)
        .replicationFactor(replicationFactor).writeConsistencyFactor(writeConsistencyFactor);
    b.indexes.putAll(payloadIndexes);
    b.named.putAll(namedVectors);
    b.sparse.putAll(sparseVectors);
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
    private final Map<String, DenseVectorSpec> named = new LinkedHashMap<>();
    private final Map<String, SparseModifier> sparse = new LinkedHashMap<>();

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

    /** Adds the named dense vector {@code vector} (only in a collection built with {@code builder(name)}). */
    public Builder namedVector(String vector, int size, Distance distance) {
      named.put(Objects.requireNonNull(vector, "vector"), new DenseVectorSpec(size, distance));
      return this;
    }

    /** Adds the named sparse vector {@code vector} with {@code modifier} ({@link SparseModifier#IDF} for BM25). */
    public Builder sparseVector(String vector, SparseModifier modifier) {
      sparse.put(Objects.requireNonNull(vector, "vector"), Objects.requireNonNull(modifier, "modifier"));
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
          writeConsistencyFactor, named, sparse);
    }
  }
}
