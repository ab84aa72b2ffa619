package dev.citadel.client.vector;

import java.util.Map;

/**
 * What Qdrant reports about one collection.
 *
 * @param name the collection name
 * @param vectorSize dimensions of its unnamed vector, 0 when its dense vectors are named
 * @param distance how it compares its unnamed vector (Cosine when it has none)
 * @param pointsCount points it holds
 * @param hnswM HNSW edges per node
 * @param shardNumber shards
 * @param replicationFactor replicas per shard
 * @param writeConsistencyFactor replicas confirming a write
 * @param payloadIndexes indexed payload fields and their types
 * @param namedVectors its named dense vectors (empty when it has the unnamed one)
 * @param sparseVectors its named sparse vectors and their modifiers
 */
public record CollectionState(String name, int vectorSize, Distance distance, long pointsCount, int hnswM,
    int shardNumber, int replicationFactor, int writeConsistencyFactor,
    Map<String, PayloadFieldType> payloadIndexes, Map<String, DenseVectorSpec> namedVectors,
    Map<String, SparseModifier> sparseVectors) {

  /** Copies the maps. */
  public CollectionState {
    payloadIndexes = Map.copyOf(payloadIndexes);
    namedVectors = Map.copyOf(namedVectors == null ? Map.of() : namedVectors);
    sparseVectors = Map.copyOf(sparseVectors == null ? Map.of() : sparseVectors);
  }

  /** Its vectors in words, e.g. {@code 768-d Cosine vectors}. */
  public String vectorsText() {
    return VectorShapes.describe(vectorSize, distance, namedVectors, sparseVectors);
  }

  /** The state of a collection with one unnamed dense vector and no sparse vectors. */
  public CollectionState(String name, int vectorSize, Distance distance, long pointsCount, int hnswM,
      int shardNumber, int replicationFactor, int writeConsistencyFactor,
      Map<String, PayloadFieldType> payloadIndexes) {
    this(name, vectorSize, distance, pointsCount, hnswM, shardNumber, replicationFactor, writeConsistencyFactor,
        payloadIndexes, Map.of(), Map.of());
  }
}
