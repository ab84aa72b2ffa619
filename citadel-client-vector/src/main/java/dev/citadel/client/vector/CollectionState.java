package dev.citadel.client.vector;

import java.util.Map;

/**
 * What Qdrant reports about one collection.
 *
 * @param name the collection name
 * @param vectorSize dimensions of its vectors
 * @param distance how it compares vectors
 * @param pointsCount points it holds
 * @param hnswM HNSW edges per node
 * @param shardNumber shards
 * @param replicationFactor replicas per shard
 * @param writeConsistencyFactor replicas confirming a write
 * @param payloadIndexes indexed payload fields and their types
 */
public record CollectionState(String name, int vectorSize, Distance distance, long pointsCount, int hnswM,
    int shardNumber, int replicationFactor, int writeConsistencyFactor,
    Map<String, PayloadFieldType> payloadIndexes) {

  /** Copies the index map. */
  public CollectionState {
    payloadIndexes = Map.copyOf(payloadIndexes);
  }
}
