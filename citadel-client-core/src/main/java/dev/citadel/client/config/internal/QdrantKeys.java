package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.sectionKey;

import dev.citadel.client.config.internal.ConfigKeys.Kind;
import java.time.Duration;

/** The {@code qdrant:} section's keys (owned by the vector module's needs). */
final class QdrantKeys {
  private QdrantKeys() {}

  static void register() {
    sectionKey("qdrant.host", Kind.TEXT, (d, v) -> d.qdrant.host((String) v), "QDRANT_HOST");
    sectionKey("qdrant.port", Kind.INT, (d, v) -> d.qdrant.port((Integer) v), "QDRANT_GRPC_PORT");
    sectionKey("qdrant.api_key", Kind.SECRET, (d, v) -> d.qdrant.apiKey((String) v), "QDRANT_API_KEY");
    sectionKey("qdrant.tls", Kind.BOOL, (d, v) -> d.qdrant.tls((Boolean) v));
    sectionKey("qdrant.tls_ca_cert", Kind.TEXT, (d, v) -> d.qdrant.tlsCaCert((String) v));
    sectionKey("qdrant.timeout", Kind.DURATION, (d, v) -> d.qdrant.timeout((Duration) v));
    sectionKey("qdrant.upsert.batch_size", Kind.INT, (d, v) -> d.qdrant.upsertBatchSize((Integer) v));
    sectionKey("qdrant.upsert.parallelism", Kind.INT, (d, v) -> d.qdrant.upsertParallelism((Integer) v));
    sectionKey("qdrant.collections.shard_number", Kind.INT, (d, v) -> d.qdrant.shardNumber((Integer) v));
    sectionKey("qdrant.collections.replication_factor", Kind.INT,
        (d, v) -> d.qdrant.replicationFactor((Integer) v));
    sectionKey("qdrant.collections.write_consistency_factor", Kind.INT,
        (d, v) -> d.qdrant.writeConsistencyFactor((Integer) v));
    sectionKey("qdrant.sync.batch_size", Kind.INT, (d, v) -> d.qdrant.syncBatchSize((Integer) v));
    sectionKey("qdrant.sync.interval", Kind.DURATION, (d, v) -> d.qdrant.syncInterval((Duration) v));
    sectionKey("qdrant.sync.max_attempts", Kind.INT, (d, v) -> d.qdrant.syncMaxAttempts((Integer) v));
    sectionKey("qdrant.sync.retention", Kind.DURATION, (d, v) -> d.qdrant.syncRetention((Duration) v));
  }
}
