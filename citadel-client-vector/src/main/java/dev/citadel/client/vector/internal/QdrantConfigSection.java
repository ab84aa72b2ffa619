package dev.citadel.client.vector.internal;

import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.config.spi.ConfigKey.Kind;
import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.config.spi.ConfigSection;
import dev.citadel.client.config.spi.TlsKeys;
import dev.citadel.client.vector.config.QdrantConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code qdrant:} section's keys, contributed to core's one loader (ServiceLoader entry). */
public final class QdrantConfigSection extends ConfigSection<QdrantConfigSection.Draft, QdrantConfig> {

  /** The builder one load fills in, and the TLS builder its two keys share. */
  public static final class Draft {
    final QdrantConfig.Builder qdrant = QdrantConfig.builder();
    final TlsOptions.Builder tls = QdrantConfig.DEFAULT_TLS.toBuilder();
  }

  /** The ServiceLoader entry. */
  public QdrantConfigSection() {
    super("qdrant", QdrantConfig.class, Draft::new, allKeys(), d -> d.qdrant.tls(d.tls.build()).build());
  }

  private static List<ConfigKey<Draft>> allKeys() {
    List<ConfigKey<Draft>> keys = new ArrayList<>(List.of(
        ConfigKey.<Draft, String>of("qdrant.host", Kind.TEXT, (d, v) -> d.qdrant.host(v), "QDRANT_HOST"),
        ConfigKey.<Draft, Integer>of("qdrant.port", Kind.INT, (d, v) -> d.qdrant.port(v), "QDRANT_GRPC_PORT"),
        ConfigKey.<Draft, String>of("qdrant.api_key", Kind.SECRET, (d, v) -> d.qdrant.apiKey(v), "QDRANT_API_KEY")));
    keys.addAll(TlsKeys.of("qdrant", d -> d.tls));
    keys.addAll(List.of(
        ConfigKey.<Draft, Duration>of("qdrant.call_timeout", Kind.DURATION, (d, v) -> d.qdrant.callTimeout(v)),
        ConfigKey.<Draft, Integer>of("qdrant.upsert.batch_size", Kind.INT, (d, v) -> d.qdrant.upsertBatchSize(v)),
        ConfigKey.<Draft, Integer>of("qdrant.upsert.parallelism", Kind.INT, (d, v) -> d.qdrant.upsertParallelism(v)),
        ConfigKey.<Draft, Integer>of("qdrant.collections.shard_number", Kind.INT, (d, v) -> d.qdrant.shardNumber(v)),
        ConfigKey.<Draft, Integer>of("qdrant.collections.replication_factor", Kind.INT,
            (d, v) -> d.qdrant.replicationFactor(v)),
        ConfigKey.<Draft, Integer>of("qdrant.collections.write_consistency_factor", Kind.INT,
            (d, v) -> d.qdrant.writeConsistencyFactor(v)),
        ConfigKey.<Draft, Integer>of("qdrant.sync.batch_size", Kind.INT, (d, v) -> d.qdrant.syncBatchSize(v)),
        ConfigKey.<Draft, Duration>of("qdrant.sync.interval", Kind.DURATION, (d, v) -> d.qdrant.syncInterval(v)),
        ConfigKey.<Draft, Integer>of("qdrant.sync.max_attempts", Kind.INT, (d, v) -> d.qdrant.syncMaxAttempts(v)),
        ConfigKey.<Draft, Duration>of("qdrant.sync.retention", Kind.DURATION, (d, v) -> d.qdrant.syncRetention(v)),
        ConfigKey.<Draft, String>of("qdrant.sync.text_search_config", Kind.TEXT,
            (d, v) -> d.qdrant.syncTextSearchConfig(v))));
    return List.copyOf(keys);
  }
}
