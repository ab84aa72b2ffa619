package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Audit log settings ({@code audit:} section): the asynchronous writer's buffer and batching,
 * what {@code record} does when the buffer is full, the local spill file that keeps events
 * through a PostgreSQL outage, monthly partition maintenance, the chain key(s) of the keyed chain
 * and the anchors published outside PostgreSQL. Immutable; every failure is a
 * {@link ConfigException} naming the YAML key.
 */
public final class AuditConfig extends ConfigValue {

  /** Default buffer capacity: 10,000 events. */
  public static final int DEFAULT_BUFFER_CAPACITY = 10_000;
  /** Default batch size: 500 events. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** Default flush interval: 200 ms. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
  /** Default overflow policy: block. */
  public static final AuditOverflowPolicy DEFAULT_OVERFLOW_POLICY = AuditOverflowPolicy.BLOCK;
  /** Default wait for buffer room: 5 s. */
  public static final Duration DEFAULT_OVERFLOW_TIMEOUT = Duration.ofSeconds(5);
  /** Default wait of {@code flush()} and {@code close()}: 30 s. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(30);
  /** Default largest details document: 64 KiB. */
  public static final int DEFAULT_MAX_DETAILS_BYTES = 65_536;
  /** Default chain id. */
  public static final String DEFAULT_CHAIN_ID = "main";
  /** Default spill space: 1024 MiB. */
  public static final int DEFAULT_SPILL_MAX_MEGABYTES = 1024;
  /** Default partitions created ahead: 3 months. */
  public static final int DEFAULT_PARTITION_MONTHS_AHEAD = 3;
  /** Default retention: 0, keep every partition. */
  public static final int DEFAULT_RETENTION_MONTHS = 0;
  /** Default retention action: detach. */
  public static final AuditRetentionAction DEFAULT_RETENTION_ACTION = AuditRetentionAction.DETACH;
  /** Default partition maintenance interval: 1 hour. */
  public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofHours(1);

  /** Default interval between published chain anchors: 1 minute. */
  public static final Duration DEFAULT_ANCHOR_INTERVAL = Duration.ofMinutes(1);

  private static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  /**
   * The default spill directory, {@code ${java.io.tmpdir}/citadel-audit-${user.name}}: one per
   * user (characters other than {@code A-Z a-z 0-9 . _ -} in the name become {@code _}), created
   * private to that user by the audit log.
   */
  public static Path defaultSpillDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"),
        "citadel-audit-" + System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  private final int bufferCapacity;
  private final int batchSize;
  private final Duration flushInterval;
  private final AuditOverflowPolicy overflowPolicy;
  private final Duration overflowTimeout;
  private final Duration flushTimeout;
  private final int maxDetailsBytes;
  private final String chainId;
  private final Path spillDirectory;
  private final int spillMaxMegabytes;
  private final int partitionMonthsAhead;
  private final int retentionMonths;
  private final AuditRetentionAction retentionAction;
  private final Duration maintenanceInterval;
  private final AuditChainKey chainKey;
  private final List<AuditChainKey> retiredKeys;
  private final Path anchorFile;
  private final Duration anchorInterval;

  private AuditConfig(Builder b) {
    int bufferCapacity = b.bufferCapacity;
    int batchSize = b.batchSize;
    Duration flushInterval = b.flushInterval;
    AuditOverflowPolicy overflowPolicy = b.overflowPolicy;
    Duration overflowTimeout = b.overflowTimeout;
    Duration flushTimeout = b.flushTimeout;
    int maxDetailsBytes = b.maxDetailsBytes;
    String chainId = b.chainId;
    Path spillDirectory = b.spillDirectory;
    int spillMaxMegabytes = b.spillMaxMegabytes;
    int partitionMonthsAhead = b.partitionMonthsAhead;
    int retentionMonths = b.retentionMonths;
    AuditRetentionAction retentionAction = b.retentionAction;
    Duration maintenanceInterval = b.maintenanceInterval;
    Checks.range("audit.buffer_capacity", bufferCapacity, 1, 10_000_000);
    Checks.range("audit.batch_size", batchSize, 1, 100_000);
    if (batchSize > bufferCapacity) {
      throw new ConfigException("audit.batch_size",
          "must not exceed audit.buffer_capacity (" + batchSize + " > " + bufferCapacity + ")");
    }
    Checks.positive("audit.flush_interval", flushInterval);
    Checks.required("audit.overflow_policy", overflowPolicy);
    Checks.positive("audit.overflow_timeout", overflowTimeout);
    Checks.positive("audit.flush_timeout", flushTimeout);
    Checks.range("audit.max_details_bytes", maxDetailsBytes, 2, 16 * 1024 * 1024);
    Checks.requiredText("audit.chain_id", chainId);
    if (!CHAIN_ID.matcher(chainId).matches()) {
      throw new ConfigException("audit.chain_id", "'" + chainId
          + "' is not a valid chain id (1 to 64 letters, digits, '_', '-' or '.')");
    }
    if (chainId.startsWith(".")) {
      throw new ConfigException("audit.chain_id", "must not start with '.', was '" + chainId + "'");
    }
    Checks.required("audit.spill.directory", spillDirectory);
    Checks.range("audit.spill.max_size_mb", spillMaxMegabytes, 0, 1_048_576);
    Checks.range("audit.partitions.months_ahead", partitionMonthsAhead, 0, 120);
    Checks.range("audit.partitions.retention_months", retentionMonths, 0, 1200);
    Checks.required("audit.partitions.retention_action", retentionAction);
    Checks.positive("audit.partitions.maintenance_interval", maintenanceInterval);
    AuditChainKey chainKey = null;
    if (b.chainKeyId != null || !b.chainKeySecret.isEmpty()) {
      if (b.chainKeyId == null) {
        throw new ConfigException("audit.chain_key.id", "is required when audit.chain_key.secret is set"
            + " (the id is recorded per row so keys can rotate)");
      }
      if (b.chainKeySecret.isEmpty()) {
        throw new ConfigException("audit.chain_key.secret", "is required when audit.chain_key.id is set");
      }
      chainKey = AuditChainKey.of(b.chainKeyId, b.chainKeySecret);
    }
    List<AuditChainKey> retiredKeys = List.copyOf(b.retiredKeys);
    if (!retiredKeys.isEmpty() && chainKey == null) {
      throw new ConfigException("audit.chain_key.retired", "needs a current key (audit.chain_key.id and"
          + " audit.chain_key.secret): a keyed chain is never continued unkeyed");
    }
    Set<String> ids = new HashSet<>();
    if (chainKey != null) {
      ids.add(chainKey.id());
    }
    for (AuditChainKey k : retiredKeys) {
      if (!ids.add(k.id())) {
        throw new ConfigException("audit.chain_key.retired", "names key id '" + k.id() + "' twice"
            + " (or also as audit.chain_key.id); each key id must name one key");
      }
    }
    Path anchorFile = b.anchorFile;
    if (anchorFile != null && chainKey == null) {
      throw new ConfigException("audit.anchor.file", "needs a chain key (audit.chain_key.id and"
          + " audit.chain_key.secret): anchors are keyed with it");
    }
    Duration anchorInterval = b.anchorInterval;
    Checks.positive("audit.anchor.interval", anchorInterval);
    this.bufferCapacity = bufferCapacity;
    this.batchSize = batchSize;
    this.flushInterval = flushInterval;
    this.overflowPolicy = overflowPolicy;
    this.overflowTimeout = overflowTimeout;
    this.flushTimeout = flushTimeout;
    this.maxDetailsBytes = maxDetailsBytes;
    this.chainId = chainId;
    this.spillDirectory = spillDirectory;
    this.spillMaxMegabytes = spillMaxMegabytes;
    this.partitionMonthsAhead = partitionMonthsAhead;
    this.retentionMonths = retentionMonths;
    this.retentionAction = retentionAction;
    this.maintenanceInterval = maintenanceInterval;
    this.chainKey = chainKey;
    this.retiredKeys = retiredKeys;
    this.anchorFile = anchorFile;
    this.anchorInterval = anchorInterval;
  }

  /**
   * Events held in memory before the overflow policy applies ({@code audit.buffer_capacity},
   * default 10,000).
   */
  public int bufferCapacity() {
    return bufferCapacity;
  }

  /**
   * Most events written per transaction ({@code audit.batch_size}, default 500; at most {@code
   * buffer_capacity}).
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Longest time an accepted event waits in memory before a partial batch is written ({@code
   * audit.flush_interval}, default 200 ms).
   */
  public Duration flushInterval() {
    return flushInterval;
  }

  /**
   * What {@code record} does when the buffer is full ({@code audit.overflow_policy}, {@code block}
   * or {@code fail}, default {@code block}).
   */
  public AuditOverflowPolicy overflowPolicy() {
    return overflowPolicy;
  }

  /**
   * How long {@code record} waits for room under {@code block} before it fails ({@code
   * audit.overflow_timeout}, default 5 s).
   */
  public Duration overflowTimeout() {
    return overflowTimeout;
  }

  /**
   * How long {@code flush()} and {@code close()} wait ({@code audit.flush_timeout}, default 30 s).
   */
  public Duration flushTimeout() {
    return flushTimeout;
  }

  /**
   * Largest {@code details} document, in UTF-8 bytes of its canonical JSON ({@code
   * audit.max_details_bytes}, default 65,536, at most 16 MiB).
   */
  public int maxDetailsBytes() {
    return maxDetailsBytes;
  }

  /**
   * Names this writer's hash chain ({@code audit.chain_id}, default {@code main}); 1 to 64 letters,
   * digits, {@code _}, {@code -} or {@code .}. Give each writing process its own: processes sharing
   * one are correct but take turns on the chain head.
   */
  public String chainId() {
    return chainId;
  }

  /**
   * Where events go while PostgreSQL is unreachable; the writer uses the sub-directory named after
   * {@code chainId} ({@code audit.spill.directory}, default {@code
   * ${java.io.tmpdir}/citadel-audit-${user.name}}: use a persistent volume in production).
   */
  public Path spillDirectory() {
    return spillDirectory;
  }

  /**
   * Most disk space the spill file may take, in MiB; 0 disables spilling ({@code
   * audit.spill.max_size_mb}, default 1024).
   */
  public int spillMaxMegabytes() {
    return spillMaxMegabytes;
  }

  /**
   * Monthly partitions created ahead of the current month ({@code audit.partitions.months_ahead},
   * default 3).
   */
  public int partitionMonthsAhead() {
    return partitionMonthsAhead;
  }

  /**
   * Partitions whose month ended more than this many months before the current one are removed; 0
   * keeps everything ({@code audit.partitions.retention_months}, default 0).
   */
  public int retentionMonths() {
    return retentionMonths;
  }

  /**
   * What removing a partition means ({@code audit.partitions.retention_action}, {@code detach} or
   * {@code drop}, default {@code detach}).
   */
  public AuditRetentionAction retentionAction() {
    return retentionAction;
  }

  /**
   * How often the writer runs partition maintenance ({@code audit.partitions.maintenance_interval},
   * default 1 h).
   */
  public Duration maintenanceInterval() {
    return maintenanceInterval;
  }

  /**
   * The key new rows are chained with (HMAC-SHA256; {@code audit.chain_key.id} and {@code
   * audit.chain_key.secret}); empty (the default, for compatibility) chains with plain SHA-256,
   * which anyone who can write the table can recompute. Recommended in production.
   */
  public Optional<AuditChainKey> chainKey() {
    return Optional.ofNullable(chainKey);
  }

  /**
   * Earlier keys, kept to verify the rows they chained ({@code audit.chain_key.retired}, {@code
   * id=secret} pairs separated by commas); empty by default.
   */
  public List<AuditChainKey> retiredKeys() {
    return retiredKeys;
  }

  /** The current key and the retired ones: every key the verifier of this config knows. */
  public List<AuditChainKey> verificationKeys() {
    List<AuditChainKey> all = new ArrayList<>();
    if (chainKey != null) {
      all.add(chainKey);
    }
    all.addAll(retiredKeys);
    return List.copyOf(all);
  }

  /**
   * The file the writer publishes its keyed chain head to, replaced atomically ({@code
   * audit.anchor.file}; needs a chain key); empty by default. Put it outside the database's
   * reach, ideally on storage the database's administrators cannot write.
   */
  public Optional<Path> anchorFile() {
    return Optional.ofNullable(anchorFile);
  }

  /**
   * How often the writer publishes its chain head to the anchor stores, when it has moved ({@code
   * audit.anchor.interval}, default 1 minute); the head is also published on close.
   */
  public Duration anchorInterval() {
    return anchorInterval;
  }

  /** Whether events may spill to disk ({@code spillMaxMegabytes > 0}). */
  public boolean spillEnabled() {
    return spillMaxMegabytes > 0;
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .bufferCapacity(bufferCapacity)
        .batchSize(batchSize)
        .flushInterval(flushInterval)
        .overflowPolicy(overflowPolicy)
        .overflowTimeout(overflowTimeout)
        .flushTimeout(flushTimeout)
        .maxDetailsBytes(maxDetailsBytes)
        .chainId(chainId)
        .spillDirectory(spillDirectory)
        .spillMaxMegabytes(spillMaxMegabytes)
        .partitionMonthsAhead(partitionMonthsAhead)
        .retentionMonths(retentionMonths)
        .retentionAction(retentionAction)
        .maintenanceInterval(maintenanceInterval)
        .chainKey(chainKey)
        .retiredKeys(retiredKeys)
        .anchorFile(anchorFile)
        .anchorInterval(anchorInterval);
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"bufferCapacity", bufferCapacity, "batchSize", batchSize,
        "flushInterval", flushInterval, "overflowPolicy", overflowPolicy,
        "overflowTimeout", overflowTimeout, "flushTimeout", flushTimeout,
        "maxDetailsBytes", maxDetailsBytes, "chainId", chainId, "spillDirectory", spillDirectory,
        "spillMaxMegabytes", spillMaxMegabytes, "partitionMonthsAhead", partitionMonthsAhead,
        "retentionMonths", retentionMonths, "retentionAction", retentionAction,
        "maintenanceInterval", maintenanceInterval, "chainKey", chainKey, "retiredKeys", retiredKeys,
        "anchorFile", anchorFile, "anchorInterval", anchorInterval};
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private AuditOverflowPolicy overflowPolicy = DEFAULT_OVERFLOW_POLICY;
    private Duration overflowTimeout = DEFAULT_OVERFLOW_TIMEOUT;
    private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;
    private int maxDetailsBytes = DEFAULT_MAX_DETAILS_BYTES;
    private String chainId = DEFAULT_CHAIN_ID;
    private Path spillDirectory = defaultSpillDirectory();
    private int spillMaxMegabytes = DEFAULT_SPILL_MAX_MEGABYTES;
    private int partitionMonthsAhead = DEFAULT_PARTITION_MONTHS_AHEAD;
    private int retentionMonths = DEFAULT_RETENTION_MONTHS;
    private AuditRetentionAction retentionAction = DEFAULT_RETENTION_ACTION;
    private Duration maintenanceInterval = DEFAULT_MAINTENANCE_INTERVAL;
    private String chainKeyId;
    private Secret chainKeySecret = Secret.empty();
    private List<AuditChainKey> retiredKeys = List.of();
    private Path anchorFile;
    private Duration anchorInterval = DEFAULT_ANCHOR_INTERVAL;

    private Builder() {}

    /** Events held in memory. */
    public Builder bufferCapacity(int value) {
      this.bufferCapacity = value;
      return this;
    }

    /** Most events per transaction. */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** Longest wait before a partial batch is written. */
    public Builder flushInterval(Duration value) {
      this.flushInterval = value;
      return this;
    }

    /** What {@code record} does when the buffer is full. */
    public Builder overflowPolicy(AuditOverflowPolicy value) {
      this.overflowPolicy = Objects.requireNonNull(value, "overflowPolicy");
      return this;
    }

    /** How long {@code record} waits for room under {@link AuditOverflowPolicy#BLOCK}. */
    public Builder overflowTimeout(Duration value) {
      this.overflowTimeout = value;
      return this;
    }

    /** How long {@code flush()} and {@code close()} wait. */
    public Builder flushTimeout(Duration value) {
      this.flushTimeout = value;
      return this;
    }

    /** Largest details document in UTF-8 bytes. */
    public Builder maxDetailsBytes(int value) {
      this.maxDetailsBytes = value;
      return this;
    }

    /** This writer's chain id. */
    public Builder chainId(String value) {
      this.chainId = value;
      return this;
    }

    /** Where events spill during an outage (a sub-directory per chain is used). */
    public Builder spillDirectory(Path value) {
      this.spillDirectory = Objects.requireNonNull(value, "spillDirectory");
      return this;
    }

    /** Most spill space in MiB; 0 disables spilling. */
    public Builder spillMaxMegabytes(int value) {
      this.spillMaxMegabytes = value;
      return this;
    }

    /** Monthly partitions created ahead of the current month. */
    public Builder partitionMonthsAhead(int value) {
      this.partitionMonthsAhead = value;
      return this;
    }

    /** Months of partitions kept; 0 keeps everything. */
    public Builder retentionMonths(int value) {
      this.retentionMonths = value;
      return this;
    }

    /** Whether expired partitions are detached or dropped. */
    public Builder retentionAction(AuditRetentionAction value) {
      this.retentionAction = Objects.requireNonNull(value, "retentionAction");
      return this;
    }

    /** How often the writer maintains partitions. */
    public Builder maintenanceInterval(Duration value) {
      this.maintenanceInterval = value;
      return this;
    }

    /** The key new rows are chained with; null for the unkeyed (SHA-256) chain. */
    public Builder chainKey(AuditChainKey value) {
      this.chainKeyId = value == null ? null : value.id();
      this.chainKeySecret = value == null ? Secret.empty() : value.secret();
      return this;
    }

    /** The current key's id (checked with its secret in {@link #build()}). */
    public Builder chainKeyId(String value) {
      this.chainKeyId = Checks.blankToNull(value);
      return this;
    }

    /** The current key's material (checked with its id in {@link #build()}). */
    public Builder chainKeySecret(Secret value) {
      this.chainKeySecret = value == null ? Secret.empty() : value;
      return this;
    }

    /** Earlier keys, for verifying the rows they chained. */
    public Builder retiredKeys(List<AuditChainKey> value) {
      this.retiredKeys = List.copyOf(value);
      return this;
    }

    /** The anchor file; null for none. */
    public Builder anchorFile(Path value) {
      this.anchorFile = value;
      return this;
    }

    /** How often the chain head is published to the anchor stores. */
    public Builder anchorInterval(Duration value) {
      this.anchorInterval = value;
      return this;
    }

    /** Validates and builds. */
    public AuditConfig build() {
      return new AuditConfig(this);
    }
  }
}
