package dev.citadel.client.vector.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.Secret;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code qdrant:} section, owned by the vector module: where Qdrant is (gRPC), TLS, the
 * per-call deadline, how upserts are batched, the defaults of the collections the SDK creates,
 * and the PostgreSQL to Qdrant sync ({@link #sync()}). Immutable; built with {@link #builder()},
 * whose {@code build()} validates every field: a failure is a {@link ConfigException} naming the
 * YAML key; the API key is never part of a message or of {@link #toString()}.
 */
public final class QdrantConfig extends ConfigValue {

  /** Default host. */
  public static final String DEFAULT_HOST = "localhost";
  /** Default gRPC port. */
  public static final int DEFAULT_PORT = 6334;
  /** Default per-call deadline: 10 s. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  /** Default points per upsert request. */
  public static final int DEFAULT_UPSERT_BATCH_SIZE = 256;
  /** Default upsert requests in flight per call. */
  public static final int DEFAULT_UPSERT_PARALLELISM = 2;
  /** Default shards, replicas and write confirmations of a created collection: 1 each. */
  public static final int DEFAULT_COLLECTION_FACTOR = 1;
  /** Default TLS: none. */
  public static final TlsOptions DEFAULT_TLS = TlsOptions.disabled();

  private final String host;
  private final int port;
  private final Secret apiKey;
  private final TlsOptions tls;
  private final Duration callTimeout;
  private final int upsertBatchSize;
  private final int upsertParallelism;
  private final int shardNumber;
  private final int replicationFactor;
  private final int writeConsistencyFactor;
  private final SyncOptions sync;

  private QdrantConfig(Builder b) {
    host = Checks.host("qdrant.host", b.host);
    port = Checks.port("qdrant.port", b.port);
    apiKey = b.apiKey;
    // gRPC's TLS always checks the host name: verify-full or nothing.
    tls = Checks.required("qdrant.tls", b.tls).check("qdrant.tls", TlsMode.DISABLE, TlsMode.VERIFY_FULL);
    callTimeout = Checks.positive("qdrant.call_timeout", b.callTimeout);
    upsertBatchSize = Checks.range("qdrant.upsert.batch_size", b.upsertBatchSize, 1, 100_000);
    upsertParallelism = Checks.range("qdrant.upsert.parallelism", b.upsertParallelism, 1, 64);
    shardNumber = Checks.range("qdrant.collections.shard_number", b.shardNumber, 1, 1_000);
    replicationFactor = Checks.range("qdrant.collections.replication_factor", b.replicationFactor, 1, 100);
    writeConsistencyFactor =
        Checks.range("qdrant.collections.write_consistency_factor", b.writeConsistencyFactor, 1, 100);
    if (writeConsistencyFactor > replicationFactor) {
      throw new ConfigException("qdrant.collections.write_consistency_factor",
          "must not exceed qdrant.collections.replication_factor (" + replicationFactor + "), was "
              + writeConsistencyFactor);
    }
    sync = new SyncOptions(
        Checks.range("qdrant.sync.batch_size", b.syncBatchSize, 1, 10_000),
        Checks.positive("qdrant.sync.interval", b.syncInterval),
        Checks.range("qdrant.sync.max_attempts", b.syncMaxAttempts, 1, 1_000),
        Checks.nonNegative("qdrant.sync.retention", b.syncRetention),
        Checks.identifier("qdrant.sync.text_search_config", b.syncTextSearchConfig));
  }

  /** Qdrant host ({@code qdrant.host}, default {@code localhost}). */
  public String host() {
    return host;
  }

  /** Qdrant gRPC port ({@code qdrant.port}, default 6334). */
  public int port() {
    return port;
  }

  /**
   * API key ({@code qdrant.api_key}), sent as {@code api-key}; masked everywhere; empty for none.
   */
  public Secret apiKey() {
    return apiKey;
  }

  /**
   * TLS ({@code qdrant.tls.mode}: {@code disable} (default) or {@code verify-full};
   * {@code qdrant.tls.ca_file}: PEM file of the CAs to trust, default the JVM's trust store).
   */
  public TlsOptions tls() {
    return tls;
  }

  /**
   * Per-call bound: the deadline of every gRPC call ({@code qdrant.call_timeout}, default 10 s).
   */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * Points per upsert request; larger upserts are split ({@code qdrant.upsert.batch_size}, default
   * 256).
   */
  public int upsertBatchSize() {
    return upsertBatchSize;
  }

  /**
   * Upsert requests in flight at once for one call ({@code qdrant.upsert.parallelism}, default 2).
   */
  public int upsertParallelism() {
    return upsertParallelism;
  }

  /**
   * Shards of a collection the SDK creates, unless its spec says otherwise
   * ({@code qdrant.collections.shard_number}, default 1).
   */
  public int shardNumber() {
    return shardNumber;
  }

  /** Replicas of each shard ({@code qdrant.collections.replication_factor}, default 1). */
  public int replicationFactor() {
    return replicationFactor;
  }

  /**
   * Replicas that must confirm a write ({@code qdrant.collections.write_consistency_factor},
   * default 1; at most the replication factor).
   */
  public int writeConsistencyFactor() {
    return writeConsistencyFactor;
  }

  /** The PostgreSQL to Qdrant sync's settings ({@code qdrant.sync.*}). */
  public SyncOptions sync() {
    return sync;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"host", host, "port", port, "apiKey", apiKey, "tls", tls,
        "upsertBatchSize", upsertBatchSize, "upsertParallelism", upsertParallelism, "shardNumber", shardNumber,
        "replicationFactor", replicationFactor, "writeConsistencyFactor", writeConsistencyFactor, "sync", sync};
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
        .callTimeout(callTimeout)
        .upsertBatchSize(upsertBatchSize)
        .upsertParallelism(upsertParallelism)
        .shardNumber(shardNumber)
        .replicationFactor(replicationFactor)
        .writeConsistencyFactor(writeConsistencyFactor)
        .syncBatchSize(sync.batchSize())
        .syncInterval(sync.interval())
        .syncMaxAttempts(sync.maxAttempts())
        .syncRetention(sync.retention())
        .syncTextSearchConfig(sync.textSearchConfig());
  }

  /** Mutable builder; not thread-safe. {@link #build()} validates. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Secret apiKey = Secret.empty();
    private TlsOptions tls = DEFAULT_TLS;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private int upsertBatchSize = DEFAULT_UPSERT_BATCH_SIZE;
    private int upsertParallelism = DEFAULT_UPSERT_PARALLELISM;
    private int shardNumber = DEFAULT_COLLECTION_FACTOR;
    private int replicationFactor = DEFAULT_COLLECTION_FACTOR;
    private int writeConsistencyFactor = DEFAULT_COLLECTION_FACTOR;
    private int syncBatchSize = SyncOptions.DEFAULT_BATCH_SIZE;
    private Duration syncInterval = SyncOptions.DEFAULT_INTERVAL;
    private int syncMaxAttempts = SyncOptions.DEFAULT_MAX_ATTEMPTS;
    private Duration syncRetention = SyncOptions.DEFAULT_RETENTION;
    private String syncTextSearchConfig = SyncOptions.DEFAULT_TEXT_SEARCH_CONFIG;

    private Builder() {}

    /** Qdrant host. */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** Qdrant gRPC port. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** The API key Qdrant expects ({@code api-key} header). */
    public Builder apiKey(Secret value) {
      this.apiKey = Objects.requireNonNull(value, "apiKey");
      return this;
    }

    /** API key in clear text; wrapped in a {@link Secret}. */
    public Builder apiKey(String value) {
      return apiKey(Secret.of(value));
    }

    /** TLS to Qdrant: {@code disable} or {@code verify-full}, and the CA file. */
    public Builder tls(TlsOptions value) {
      this.tls = Objects.requireNonNull(value, "tls");
      return this;
    }

    /** TLS to Qdrant in {@code mode}, trusting the JVM's trust store. */
    public Builder tls(TlsMode mode) {
      return tls(TlsOptions.of(mode));
    }

    /** Per-call deadline. */
    public Builder callTimeout(Duration value) {
      this.callTimeout = value;
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

    /** Outbox records per relay pass ({@link SyncOptions#batchSize()}). */
    public Builder syncBatchSize(int value) {
      this.syncBatchSize = value;
      return this;
    }

    /** Pause between background relay passes ({@link SyncOptions#interval()}). */
    public Builder syncInterval(Duration value) {
      this.syncInterval = value;
      return this;
    }

    /** Attempts of a rejected outbox record before it is marked failed. */
    public Builder syncMaxAttempts(int value) {
      this.syncMaxAttempts = value;
      return this;
    }

    /** Text search configuration of newly registered collections ({@link SyncOptions#textSearchConfig()}). */
    public Builder syncTextSearchConfig(String value) {
      this.syncTextSearchConfig = value;
      return this;
    }

    /** How long done outbox records are kept ({@link SyncOptions#retention()}). */
    public Builder syncRetention(Duration value) {
      this.syncRetention = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ConfigException naming the first bad key
     */
    public QdrantConfig build() {
      return new QdrantConfig(this);
    }
  }
}
