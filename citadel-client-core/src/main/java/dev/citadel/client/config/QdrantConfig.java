package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Qdrant settings as written in the {@code qdrant:} section. Core only carries them; the vector
 * module connects with them (gRPC) and its PostgreSQL sync reads the {@code qdrant.sync.*}
 * keys.
 *
 * @param host Qdrant host ({@code qdrant.host}, default {@code localhost})
 * @param port Qdrant gRPC port ({@code qdrant.port}, default 6334)
 * @param apiKey API key ({@code qdrant.api_key}); masked everywhere; empty for none
 * @param tls whether to use TLS ({@code qdrant.tls}, default false)
 * @param tlsCaCert PEM file of the certificate authorities to trust ({@code qdrant.tls_ca_cert});
 *     null for the JVM's default trust store
 * @param timeout default deadline of every call ({@code qdrant.timeout}, default 10 s)
 * @param upsertBatchSize points per upsert request; larger upserts are split
 *     ({@code qdrant.upsert.batch_size}, default 256)
 * @param upsertParallelism upsert requests in flight at once for one call
 *     ({@code qdrant.upsert.parallelism}, default 2)
 * @param shardNumber shards of a collection the SDK creates, unless its spec says otherwise
 *     ({@code qdrant.collections.shard_number}, default 1)
 * @param replicationFactor replicas of each shard ({@code qdrant.collections.replication_factor},
 *     default 1)
 * @param writeConsistencyFactor replicas that must confirm a write
 *     ({@code qdrant.collections.write_consistency_factor}, default 1; at most the replication
 *     factor)
 * @param syncBatchSize outbox records the sync relay pushes per pass ({@code qdrant.sync.batch_size},
 *     default 100)
 * @param syncInterval pause between relay passes when it runs in the background
 *     ({@code qdrant.sync.interval}, default 1 s)
 * @param syncMaxAttempts attempts of an outbox record that Qdrant keeps rejecting (not an outage)
 *     before it is marked failed ({@code qdrant.sync.max_attempts}, default 10)
 * @param syncRetention how long done outbox records are kept before the relay deletes them
 *     ({@code qdrant.sync.retention}, default 7 days; zero deletes them at the next pass)
 */
public record QdrantConfig(
    String host,
    int port,
    Secret apiKey,
    boolean tls,
    String tlsCaCert,
    Duration timeout,
    int upsertBatchSize,
    int upsertParallelism,
    int shardNumber,
    int replicationFactor,
    int writeConsistencyFactor,
    int syncBatchSize,
    Duration syncInterval,
    int syncMaxAttempts,
    Duration syncRetention) {

  /** Default gRPC port. */
  public static final int DEFAULT_PORT = 6334;
  /** Default per-call deadline. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Default points per upsert request. */
  public static final int DEFAULT_UPSERT_BATCH_SIZE = 256;
  /** Default upsert requests in flight per call. */
  public static final int DEFAULT_UPSERT_PARALLELISM = 2;
  /** Default outbox records per relay pass. */
  public static final int DEFAULT_SYNC_BATCH_SIZE = 100;
  /** Default pause between background relay passes. */
  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);
  /** Default attempts of a rejected outbox record. */
  public static final int DEFAULT_SYNC_MAX_ATTEMPTS = 10;
  /** Default time done outbox records are kept. */
  public static final Duration DEFAULT_SYNC_RETENTION = Duration.ofDays(7);

  /** Validates every field. */
  public QdrantConfig {
    Checks.host("qdrant.host", host);
    Checks.port("qdrant.port", port);
    apiKey = apiKey == null ? Secret.empty() : apiKey;
    if (tlsCaCert != null && tlsCaCert.isBlank()) {
      tlsCaCert = null;
    }
    if (tlsCaCert != null && !tls) {
      throw new ConfigException("qdrant.tls_ca_cert", "is set but qdrant.tls is false");
    }
    Checks.positive("qdrant.timeout", timeout);
    Checks.range("qdrant.upsert.batch_size", upsertBatchSize, 1, 100_000);
    Checks.range("qdrant.upsert.parallelism", upsertParallelism, 1, 64);
    Checks.range("qdrant.collections.shard_number", shardNumber, 1, 1_000);
    Checks.range("qdrant.collections.replication_factor", replicationFactor, 1, 100);
    Checks.range("qdrant.collections.write_consistency_factor", writeConsistencyFactor, 1, 100);
    if (writeConsistencyFactor > replicationFactor) {
      throw new ConfigException("qdrant.collections.write_consistency_factor",
          "must not exceed qdrant.collections.replication_factor (" + replicationFactor + "), was "
              + writeConsistencyFactor);
    }
    Checks.range("qdrant.sync.batch_size", syncBatchSize, 1, 10_000);
    Checks.positive("qdrant.sync.interval", syncInterval);
    Checks.range("qdrant.sync.max_attempts", syncMaxAttempts, 1, 1_000);
    Checks.nonNegative("qdrant.sync.retention", syncRetention);
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .apiKey(apiKey)
        .tls(tls)
        .tlsCaCert(tlsCaCert)
        .timeout(timeout)
        .upsertBatchSize(upsertBatchSize)
        .upsertParallelism(upsertParallelism)
        .shardNumber(shardNumber)
        .replicationFactor(replicationFactor)
        .writeConsistencyFactor(writeConsistencyFactor)
        .syncBatchSize(syncBatchSize)
        .syncInterval(syncInterval)
        .syncMaxAttempts(syncMaxAttempts)
        .syncRetention(syncRetention);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String host = "localhost";
    private int port = DEFAULT_PORT;
    private Secret apiKey = Secret.empty();
    private boolean tls;
    private String tlsCaCert;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int upsertBatchSize = DEFAULT_UPSERT_BATCH_SIZE;
    private int upsertParallelism = DEFAULT_UPSERT_PARALLELISM;
    private int shardNumber = 1;
    private int replicationFactor = 1;
    private int writeConsistencyFactor = 1;
    private int syncBatchSize = DEFAULT_SYNC_BATCH_SIZE;
    private Duration syncInterval = DEFAULT_SYNC_INTERVAL;
    private int syncMaxAttempts = DEFAULT_SYNC_MAX_ATTEMPTS;
    private Duration syncRetention = DEFAULT_SYNC_RETENTION;

    private Builder() {}

    /** Host. */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** gRPC port. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** API key. */
    public Builder apiKey(Secret value) {
      this.apiKey = Objects.requireNonNull(value, "apiKey");
      return this;
    }

    /** API key in clear text; wrapped in a {@link Secret}. */
    public Builder apiKey(String value) {
      return apiKey(Secret.of(value));
    }

    /** TLS on or off. */
    public Builder tls(boolean value) {
      this.tls = value;
      return this;
    }

    /** PEM file of trusted certificate authorities; null for the JVM default. */
    public Builder tlsCaCert(String value) {
      this.tlsCaCert = value;
      return this;
    }

    /** Default per-call deadline. */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** Points per upsert request. */
    public Builder upsertBatchSize(int value) {
      this.upsertBatchSize = value;
      return this;
    }

    /** Upsert requests in flight per call. */
    public Builder upsertParallelism(int value) {
      this.upsertParallelism = value;
      return this;
    }

    /** Default shard number of created collections. */
    public Builder shardNumber(int value) {
      this.shardNumber = value;
      return this;
    }

    /** Default replication factor of created collections. */
    public Builder replicationFactor(int value) {
      this.replicationFactor = value;
      return this;
    }

    /** Default write consistency factor of created collections. */
    public Builder writeConsistencyFactor(int value) {
      this.writeConsistencyFactor = value;
      return this;
    }

    /** Outbox records per relay pass. */
    public Builder syncBatchSize(int value) {
      this.syncBatchSize = value;
      return this;
    }

    /** Pause between background relay passes. */
    public Builder syncInterval(Duration value) {
      this.syncInterval = value;
      return this;
    }

    /** Attempts of a rejected outbox record before it is marked failed. */
    public Builder syncMaxAttempts(int value) {
      this.syncMaxAttempts = value;
      return this;
    }

    /** How long done outbox records are kept; zero deletes them at the next relay pass. */
    public Builder syncRetention(Duration value) {
      this.syncRetention = value;
      return this;
    }

    /** Validates and builds. */
    public QdrantConfig build() {
      return new QdrantConfig(host, port, apiKey, tls, tlsCaCert, timeout, upsertBatchSize, upsertParallelism,
          shardNumber, replicationFactor, writeConsistencyFactor, syncBatchSize, syncInterval, syncMaxAttempts,
          syncRetention);
    }
  }
}
