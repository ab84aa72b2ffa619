package dev.citadel.client.audit;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.audit.internal.AuditPipeline;
import dev.citadel.client.ConfigException;
import dev.citadel.client.audit.internal.AuditRows;
import dev.citadel.client.audit.internal.ChainAnchors;
import dev.citadel.client.audit.internal.ChainWriter;
import dev.citadel.client.audit.internal.EventCodec;
import dev.citadel.client.audit.internal.SpillQueue;
import dev.citadel.client.audit.internal.Uuids;
import dev.citadel.client.config.AuditChainKey;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.internal.Durations;
import dev.citadel.client.db.Database;
import dev.citadel.client.paging.Page;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit and compliance log: {@link #record} returns at once; a writer thread batches events
 * into {@code audit.logs} with COPY (size {@code audit.batch_size}, at least every
 * {@code audit.flush_interval}), numbering and hash-chaining them as it goes.
 *
 * <p><b>No silent loss.</b> An accepted event is kept until it is stored: while PostgreSQL is
 * unreachable, the writer retries (each attempt through the database client's retry policy and
 * circuit breaker, then with its own backoff up to 2 s), and once half the memory buffer is
 * used, events move to an fsync'd spill file under {@code audit.spill.directory}/chain id. When
 * PostgreSQL is back, the spill file is written first, in order, then memory. A spill file left
 * by a crashed process is written by the next {@code AuditLog} of the same chain id and
 * directory, and only if it was written for the same database (the spill directory is private
 * to the user and bound to its database; see AUDIT.md). Writing is idempotent: an event already
 * stored (a commit whose acknowledgement was lost, a replay after a crash) is skipped by its id
 * and time. When even the spill file cannot take more (or spilling is disabled), {@code record}
 * applies {@code audit.overflow_policy}: wait, then throw {@link AuditOverflowException}, or
 * throw at once. A JVM exiting without {@link #close()} closes the log from a shutdown hook;
 * events accepted but only in memory are lost only if the process is killed outright;
 * {@link #flush()} makes everything accepted so far durable (committed, or spilled while
 * PostgreSQL is failing).
 *
 * <p><b>Order.</b> Events are stored, and chained, in the order {@code record} accepted them:
 * events recorded by one thread keep that thread's order.
 *
 * <p><b>Details.</b> JSON objects are stored as {@code jsonb} and hashed in a canonical form;
 * PostgreSQL must use the UTF8 encoding.
 *
 * <p><b>Chains.</b> Each {@code AuditLog} extends the chain {@code audit.chain_id}, continuing
 * from the head stored in {@code audit.chains} after a restart. Give each writing process its
 * own chain id: processes sharing one stay correct (they take turns on the head row) but slow
 * each other down, and each needs its own spill directory.
 *
 * <p>Thread-safe. Owns two threads and the spill directory's lock, released by {@link #close()};
 * {@code db} stays the caller's.
 *
 * <pre>{@code
 * try (AuditLog audit = AuditLog.create(db, config.audit())) {
 *   audit.record(AuditEvent.builder().user("alice").action("model.infer").model("mixtral")
 *       .outcome(AuditOutcome.SUCCESS).requestId(requestId).details(Map.of("tokens", 512)).build());
 * }
 * }</pre>
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final Database db;
  private final AuditConfig config;
  private final AuditPipeline pipeline;
  private final AuditVerifier verifier;
  private final AuditPartitions partitions;
  private final ChainWriter chainWriter;
  private final List<AuditAnchorStore> anchorStores;

  private AuditLog(Database db, AuditConfig config, SpillQueue spill, List<AuditAnchorStore> anchorStores)
      throws IOException {
    this.db = db;
    this.config = config;
    this.anchorStores = anchorStores;
    AuditChainKey key = config.chainKey().orElse(null);
    this.verifier = key == null ? AuditVerifier.create(db)
        : AuditVerifier.create(db, config.verificationKeys(), anchorStores);
    this.partitions = AuditPartitions.create(db, config);
    this.chainWriter = new ChainWriter(db, config.chainId(), key, key == null || anchorStores.isEmpty() ? null
        : new ChainAnchors(config.chainId(), key, anchorStores, config.anchorInterval()));
    this.pipeline = new AuditPipeline(config, chainWriter,
        () -> LOG.debug("audit partitions maintained: {}", partitions.maintain()), spill,
        db.config().host() + ":" + db.config().port(), db.config().database());
  }

  /**
   * Starts an audit log writing through {@code db}'s pooled endpoint. Connects to nothing
   * before the writer thread's first batch (PostgreSQL may be down at start); opens and locks
   * the spill directory (private to this user: see AUDIT.md), and picks up a spill file an
   * earlier process left there if it was written for this chain and database (else it is set
   * aside, logged, and counted in {@link AuditStats#spillRecordsSetAside()}). Registers a JVM
   * shutdown hook that closes the log if the process exits without {@link #close()}. The tables
   * come from {@link Database#migrate()} (migration V4).
   *
   * @param db the database client; stays the caller's, and must outlive this log
   * @param config the {@code audit:} settings
   * @throws AuditException when the spill directory cannot be used (including: a symbolic link,
   *     owned by another user)
   * @throws IllegalStateException when another writer, in this JVM or another process, holds the
   *     spill directory
   */
  public static AuditLog create(Database db, AuditConfig config) {
    return create(db, config, List.of());
  }

  /**
   * {@link #create(Database, AuditConfig)} publishing the chain head also to {@code anchorStores}
   * (the host's own write-once store), besides
   * {@code audit.anchor.file} when set. Anchors need a chain key ({@code audit.chain_key.*}).
   *
   * @param anchorStores stay the caller's
   * @throws dev.citadel.client.ConfigException ({@code audit.chain_key.id}) when anchor stores are
   *     given without a chain key
   */
  public static AuditLog create(Database db, AuditConfig config, List<AuditAnchorStore> anchorStores) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(config, "config");
    List<AuditAnchorStore> stores = new ArrayList<>();
    config.anchorFile().ifPresent(f -> stores.add(AuditAnchorStore.file(f)));
    stores.addAll(anchorStores);
    if (!anchorStores.isEmpty() && config.chainKey().isEmpty()) {
      throw new ConfigException("audit.chain_key.id", "anchor stores were given ("
          + anchorStores.stream().map(AuditAnchorStore::name).toList()
          + ") but no chain key is set: anchors are keyed with it");
    }
    SpillQueue spill = null;
    AuditLog log;
    try {
      if (config.spillEnabled()) {
        if (config.spillDirectory().equals(AuditConfig.defaultSpillDirectory())) {
          // The default lives in the shared temporary directory: it must be this user's alone.
          SpillQueue.requirePrivateDirectory(config.spillDirectory());
        }
        spill = SpillQueue.open(config.spillDirectory().resolve(config.chainId()),
            config.spillMaxMegabytes() * 1024L * 1024L);
      }
      log = new AuditLog(db, config, spill, List.copyOf(stores));
    } catch (IOException e) {
      closeQuietly(spill, e);
      throw new AuditException("cannot use the audit spill directory "
          + config.spillDirectory().resolve(config.chainId()) + " (audit.spill.directory): " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(spill, e);
      throw e;
    }
    log.pipeline.start();
    LOG.info("audit log started: chain '{}', {}, buffer {} events, batches of {} every {}, spill {}, anchors {}",
        config.chainId(), config.chainKey().map(k -> "keyed with '" + k.id() + "'").orElse("unkeyed"),
        config.bufferCapacity(), config.batchSize(), Durations.format(config.flushInterval()),
        spill == null ? "disabled" : "to " + spill.directory(),
        stores.isEmpty() ? "none" : stores.stream().map(AuditAnchorStore::name).toList()
            + " every " + Durations.format(config.anchorInterval()));
    return log;
  }

  private static void closeQuietly(SpillQueue spill, Exception failure) {
    if (spill != null) {
      try {
        spill.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Accepts {@code event} for writing and returns without waiting for PostgreSQL. An event
   * without id gets a time-ordered UUID; one without time gets the current time.
   *
   * @throws InvalidArgumentException ({@code details}) when its details exceed
   *     {@code audit.max_details_bytes} (other fields were checked when the event was built)
   * @throws AuditOverflowException when the buffer is full, per {@code audit.overflow_policy}
   * @throws IllegalStateException after {@link #close()}
   */
  public void record(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (event.detailsBytes() > config.maxDetailsBytes()) {
      throw new InvalidArgumentException("details", "is " + event.detailsBytes()
          + " bytes, more than audit.max_details_bytes (" + config.maxDetailsBytes() + ")");
    }
    AuditEvent complete = event;
    if (event.id() == null || event.time() == null) {
      Instant time = event.time() == null ? Instant.now() : event.time();
      UUID id = event.id() == null ? Uuids.v7(time.toEpochMilli()) : event.id();
      complete = event.withIdAndTime(id, time);
    }
    pipeline.submit(complete, EventCodec.encode(complete));
  }

  /**
   * Waits up to {@code audit.flush_timeout} until every event accepted before the call is
   * committed to PostgreSQL. While PostgreSQL is failing (a write attempt that ended after this
   * call began failed), events in the spill file count as done: they are durable, and will be
   * written when PostgreSQL is back ({@link AuditStats#pendingInSpill()} tells how many wait).
   *
   * @throws AuditTimeoutException when that takes longer; the events stay pending
   */
  public void flush() {
    pipeline.flush(config.flushTimeout());
  }

  /**
   * {@link #flush()} with its own time limit.
   *
   * @throws AuditTimeoutException when that takes longer than {@code timeout}; the events stay
   *     pending
   */
  public void flush(Duration timeout) {
    pipeline.flush(Objects.requireNonNull(timeout, "timeout"));
  }

  /** A snapshot of the writer's counters. */
  public AuditStats stats() {
    return pipeline.stats();
  }

  /**
   * One page of stored events matching {@code query}, newest first. Sees what is committed,
   * not what waits in memory or in the spill file.
   *
   * @throws dev.citadel.client.CitadelException when PostgreSQL fails
   */
  public Page<AuditRecord> query(AuditQuery query) {
    return AuditRows.page(db, Objects.requireNonNull(query, "query"));
  }

  /**
   * The hash-chain verifier over this log's database: with this config's keys (current and
   * retired) and this log's anchor stores when the chain is keyed, unkeyed otherwise.
   */
  public AuditVerifier verifier() {
    return verifier;
  }

  /** Partition maintenance with this log's settings. */
  public AuditPartitions partitions() {
    return partitions;
  }

  /** The settings this log was created with. */
  public AuditConfig config() {
    return config;
  }

  /**
   * Stops accepting events, waits up to {@code audit.flush_timeout} until every accepted event
   * is committed or in the spill file (a spill backlog is left for the next {@code AuditLog} of
   * this chain and directory), stops the threads and releases the spill directory. Idempotent.
   * Close it before the {@link Database} it writes through.
   *
   * @throws AuditTimeoutException when some accepted events could not be made durable in time;
   *     they are lost, and the log says how many
   */
  @Override
  public void close() {
    try {
      pipeline.close();
    } finally {
      chainWriter.publishHead(); // the writer thread has stopped: the head it left is final
    }
  }

  @Override
  public String toString() {
    return "AuditLog[chain=" + config.chainId() + ", " + pipeline.stats() + "]";
  }
}
