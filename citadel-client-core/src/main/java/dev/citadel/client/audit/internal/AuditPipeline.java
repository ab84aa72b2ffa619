package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditException;
import dev.citadel.client.audit.AuditOverflowException;
import dev.citadel.client.audit.AuditStats;
import dev.citadel.client.audit.AuditTimeoutException;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.AuditOverflowPolicy;
import dev.citadel.client.config.internal.Durations;
import dev.citadel.client.spi.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit writer's machinery: a bounded memory buffer filled by callers, a writer thread that
 * moves batches from it to PostgreSQL ({@link ChainWriter}), and a spiller thread that moves
 * events to the {@link SpillQueue} while PostgreSQL is failing.
 *
 * <p>Order is kept end to end: at any time the writer's batch in hand is older than everything
 * in the spill file, which is older than everything in memory. Once anything is spilled
 * ("spill mode"), the writer reads only from the spill file until it is empty, so newer events
 * never overtake spilled ones. While PostgreSQL fails, the spiller copies the writer's batch in
 * hand to the spill file before memory (it may then be stored by the writer and replayed: the
 * chain writer skips what is already stored).
 *
 * <p>{@link #flush} waits for commits; only while PostgreSQL is failing (confirmed by an attempt
 * that ended after the flush began) does an event in the spill file count as done.
 * {@link #close} accepts either. Commits and spills both happen in acceptance order, so
 * "everything up to event n" is tracked by two watermarks, {@code committedThrough} and
 * {@code spilledThrough}; the {@link SpillLedger} keeps the acceptance numbers of the events in
 * the spill file so that committing them from there moves the first watermark too.
 *
 * <p>Side jobs live beside it: the counters ({@link AuditCounters}) and the partition
 * maintenance timing ({@link PartitionMaintenanceSchedule}), run on the writer thread.
 */
public final class AuditPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditPipeline.class);
  /** The writer's wait between failed attempts at a batch: 50 ms doubling to 2 s (AUDIT.md). */
  private static final Backoff RETRY_BACKOFF = Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 0.0);
  private static final long SPILL_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int SPILL_CHUNK = 8192;

  private final AuditConfig config;
  private final AuditSink sink;
  /** Used by the writer thread only. */
  private final PartitionMaintenanceSchedule maintenanceSchedule;
  private final SpillQueue spill;
  private final int highWater;
  private final long intervalNanos;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition writerWork = lock.newCondition();
  private final Condition spillerWork = lock.newCondition();
  private final Condition durableAdvanced = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<Pending> memory = new ArrayDeque<>();
  private final AuditCounters counters = new AuditCounters();
  private SpillLedger spillLedger;
  /** Null when spilling is disabled. */
  private final SpillOwner spillOwner;
  /** Spill records behind the batch in hand (some may have been unreadable and left out of it). */
  private int inFlightSpillRecords;
  private long oldestQueuedNanos;
  private long committedThrough;
  private long spilledThrough;
  private boolean spillMode;
  private boolean spillerBusy;
  private long spillBlockedUntil;
  private boolean spillFullLogged;
  private List<Pending> inFlight;
  private boolean inFlightFromSpill;
  private boolean inFlightClaimed;
  private boolean backendFailing;
  private int flushWaiters;
  private long attemptsEnded;
  private boolean closing;
  private boolean stopped;

  private final Thread writer;
  private final Thread spiller;
  /** Closes the pipeline when the JVM exits without {@link #close()}: buffered events are written or spilled. */
  private final Thread exitHook;

  /**
   * Takes over {@code spill}: records an earlier run left in it are kept for replay only if its
   * binding says they belong to this chain and database ({@code endpoint}, {@code databaseName}
   * as configured; the database's identity is checked at the first connection), otherwise they
   * are set aside.
   *
   * @param spill the spill queue, or null when spilling is disabled; owned by the pipeline
   * @param maintenance partition maintenance, run on the writer thread at start and every
   *     {@code audit.partitions.maintenance_interval}
   * @param endpoint the configured endpoint the sink writes to, {@code host:port}
   * @param databaseName the configured database name
   * @throws IOException when the spill queue's binding cannot be read or written
   */
  public AuditPipeline(AuditConfig config, AuditSink sink, Runnable maintenance, SpillQueue spill,
      String endpoint, String databaseName) throws IOException {
    this.config = config;
    this.sink = sink;
    this.maintenanceSchedule =
        new PartitionMaintenanceSchedule(maintenance, config.maintenanceInterval(), System.nanoTime());
    this.spill = spill;
    this.highWater = Math.max(config.batchSize(), config.bufferCapacity() / 2);
    this.intervalNanos = config.flushInterval().toNanos();
    this.spillOwner = spill == null ? null
        : new SpillOwner(spill, new SpillBinding(config.chainId(), endpoint, databaseName, null));
    this.spillLedger = new SpillLedger(spillOwner == null ? 0 : spillOwner.adoptRecovered());
    if (spillLedger.records() > 0) {
      spillMode = true;
      LOG.info("audit chain '{}': {} events left in the spill file by an earlier run will be written first",
          config.chainId(), spillLedger.records());
    }
    this.writer = new Thread(this::runWriter, "citadel-audit-writer-" + config.chainId());
    this.spiller = new Thread(this::runSpiller, "citadel-audit-spiller-" + config.chainId());
    writer.setDaemon(true);
    spiller.setDaemon(true);
    this.exitHook = new Thread(this::closeAtExit, "citadel-audit-exit-" + config.chainId());
  }

  /** Starts the threads and registers the JVM shutdown hook that closes the pipeline. */
  public void start() {
    writer.start();
    if (spill != null) {
      spiller.start();
    }
    Runtime.getRuntime().addShutdownHook(exitHook);
  }

  private void closeAtExit() {
    LOG.info("audit chain '{}': the JVM is exiting without AuditLog.close(); writing or spilling what is buffered",
        config.chainId());
    try {
      close();
    } catch (RuntimeException e) {
      LOG.error("audit chain '{}': closing at JVM exit failed: {}", config.chainId(), e.toString());
    }
  }

  /**
   * Accepts {@code event} (id and time set) with its encoding.
   *
   * @throws AuditOverflowException when the buffer is full, per the overflow policy
   * @throws IllegalStateException after {@link #close()}
   */
  public void submit(AuditEvent event, byte[] encoded) {
    lock.lock();
    try {
      if (closing) {
        throw new IllegalStateException("the audit log is closed");
      }
      if (memory.size() >= config.bufferCapacity()) {
        awaitRoom();
      }
      Pending p = new Pending(event, encoded, counters.accept());
      memory.addLast(p);
      int size = memory.size();
      if (size == 1) {
        oldestQueuedNanos = System.nanoTime();
        writerWork.signal();
      } else if (size == config.batchSize()) {
        writerWork.signal();
      }
      if (size >= highWater && (backendFailing || spillMode)) {
        spillerWork.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void awaitRoom() {
    if (config.overflowPolicy() == AuditOverflowPolicy.FAIL) {
      counters.rejectOne();
      throw overflow(Duration.ZERO);
    }
    long start = System.nanoTime();
    long nanos = config.overflowTimeout().toNanos();
    try {
      while (memory.size() >= config.bufferCapacity()) {
        if (closing) {
          throw new IllegalStateException("the audit log is closed");
        }
        if (nanos <= 0) {
          counters.rejectOne();
          throw overflow(Duration.ofNanos(System.nanoTime() - start));
        }
        spillerWork.signal();
        nanos = notFull.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      counters.rejectOne();
      throw new AuditException("interrupted while waiting for room in the audit buffer; the event was not recorded", e);
    }
  }

  private AuditOverflowException overflow(Duration waited) {
    String why;
    if (backendFailing) {
      why = spill == null ? "writing to PostgreSQL is failing and spilling is disabled (audit.spill.max_size_mb = 0)"
          : "writing to PostgreSQL is failing and the spill file cannot take more (audit.spill.max_size_mb = "
              + config.spillMaxMegabytes() + ")";
    } else {
      why = "writing to PostgreSQL has not kept up (or its first attempt is still waiting for a connection)";
    }
    return new AuditOverflowException(config.bufferCapacity(), waited,
        "audit buffer full (" + config.bufferCapacity() + " events, audit.buffer_capacity) after waiting "
            + Durations.format(waited) + " (audit.overflow_policy = " + config.overflowPolicy().value()
            + ", audit.overflow_timeout = " + Durations.format(config.overflowTimeout()) + "): " + why
            + "; the event was not recorded");
  }

  /**
   * Waits until every event accepted before the call is committed to PostgreSQL, or, while
   * PostgreSQL is failing (an attempt that ended after this call began failed), is committed or
   * in the spill file.
   *
   * @throws AuditTimeoutException when that takes longer than {@code timeout}
   */
  public void flush(Duration timeout) {
    awaitDone(timeout, false, true);
  }

  /**
   * Waits until the events accepted so far are committed (or spilled, per the arguments). With
   * {@code interruptible} false (close) an interrupt does not end the wait: it is kept for the
   * caller instead.
   */
  private void awaitDone(Duration timeout, boolean spilledIsEnough, boolean interruptible) {
    long start = System.nanoTime();
    boolean interrupted = false;
    lock.lock();
    try {
      long target = counters.accepted();
      long attemptsAtStart = attemptsEnded;
      flushWaiters++;
      try {
        writerWork.signal(); // also cuts a retry backoff short
        spillerWork.signal();
        long nanos = timeout.toNanos();
        while (!done(target, spilledIsEnough || (backendFailing && attemptsEnded > attemptsAtStart))) {
          if (nanos <= 0) {
            long pending = target - Math.max(committedThrough, spilledThrough);
            long uncommitted = target - committedThrough;
            throw new AuditTimeoutException(Math.max(pending, 0), Duration.ofNanos(System.nanoTime() - start),
                "audit flush timed out after " + Durations.format(timeout) + ": " + uncommitted
                    + " accepted events are not in PostgreSQL yet, " + Math.max(pending, 0)
                    + " of them not in the spill file either"
                    + (backendFailing ? " (PostgreSQL is unavailable)" : "") + "; they are still pending");
          }
          try {
            nanos = durableAdvanced.awaitNanos(nanos);
          } catch (InterruptedException e) {
            if (interruptible) {
              Thread.currentThread().interrupt();
              throw new AuditException("interrupted while flushing the audit log", e);
            }
            interrupted = true;
            nanos = timeout.toNanos() - (System.nanoTime() - start);
          }
        }
      } finally {
        flushWaiters--;
      }
    } finally {
      lock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean done(long target, boolean spilledIsEnough) {
    return committedThrough >= target || (spilledIsEnough && spilledThrough >= target);
  }

  /** A snapshot of the counters. */
  public AuditStats stats() {
    lock.lock();
    try {
      int inMemory = memory.size()
          + (inFlight != null && !inFlightFromSpill && !inFlightClaimed ? inFlight.size() : 0);
      long setAside = spillOwner == null ? 0 : spillOwner.setAsideRecords() + spill.corruptRecordsSkipped();
      return counters.snapshot(inMemory, spillLedger.records(), !backendFailing, setAside);
    } finally {
      lock.unlock();
    }
  }

  private void runWriter() {
    int failures = 0;
    while (true) {
      long now = System.nanoTime();
      if (maintenanceSchedule.isDue(now)) {
        maintenanceSchedule.run(now, backendFailing());
      }
      boolean fromSpill;
      lock.lock();
      try {
        if (!awaitBatch(maintenanceSchedule.nextRunNanos())) {
          if (stopped) {
            return;
          }
          continue;
        }
        fromSpill = inFlight == null;
      } finally {
        lock.unlock();
      }
      SpillQueue.Position spillEnd = null;
      try {
        if (needsIdentity()) {
          identified(sink.identity());
          failures = 0;
          continue; // look again: set-aside records are no longer to be written
        }
        if (fromSpill) {
          spillEnd = readSpill();
        }
        List<Pending> batch = inFlightSnapshot();
        ChainWriter.Outcome outcome = batch.isEmpty() ? new ChainWriter.Outcome(0, 0) : sink.write(batch);
        succeeded(outcome);
        failures = 0;
        if (spillEnd != null) {
          acknowledgeSpill(spillEnd);
        }
      } catch (RuntimeException | IOException e) {
        failed(e, spillEnd != null || fromSpill);
        failures++;
        lock.lock();
        try {
          if (!stopped) {
            writerWork.awaitNanos(RETRY_BACKOFF.delayNanos(failures));
          }
        } catch (InterruptedException interrupted) {
          // close() interrupts a writer stuck in a call; the loop sees stopped.
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /**
   * Waits for the next batch: returns true with {@link #inFlight} set (a batch from memory or a
   * retry), true with it null (read the spill file), or false when the loop should re-check
   * maintenance or stop.
   */
  private boolean awaitBatch(long nextMaintenance) {
    try {
      while (!stopped) {
        if (inFlight != null) {
          return true;
        }
        if (spillMode) {
          if (spillLedger.records() > 0) {
            return true;
          }
          if (!spillerBusy) {
            spillMode = false;
            LOG.info("audit chain '{}': spill file drained", config.chainId());
            continue;
          }
          writerWork.await(100, TimeUnit.MILLISECONDS);
          continue;
        }
        long now = System.nanoTime();
        if (!memory.isEmpty()) {
          long age = now - oldestQueuedNanos;
          if (memory.size() >= config.batchSize() || flushWaiters > 0 || closing || age >= intervalNanos) {
            takeFromMemory(now);
            return true;
          }
          writerWork.awaitNanos(Math.min(intervalNanos - age, Math.max(1, nextMaintenance - now)));
        } else {
          long untilMaintenance = nextMaintenance - now;
          if (untilMaintenance <= 0) {
            return false;
          }
          writerWork.awaitNanos(untilMaintenance);
        }
        if (System.nanoTime() - nextMaintenance >= 0 && memory.isEmpty()) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts; the caller sees stopped.
    }
    return false;
  }

  private void takeFromMemory(long now) {
    int n = Math.min(config.batchSize(), memory.size());
    List<Pending> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(memory.pollFirst());
    }
    inFlight = batch;
    inFlightFromSpill = false;
    inFlightClaimed = false;
    oldestQueuedNanos = now;
    notFull.signalAll();
  }

  private SpillQueue.Position readSpill() throws IOException {
    List<SpillQueue.Entry> entries = spill.read(config.batchSize());
    if (entries.isEmpty()) {
      throw new IOException("the spill file holds fewer records than counted");
    }
    List<Pending> batch = new ArrayList<>(entries.size());
    int unreadable = 0;
    for (SpillQueue.Entry entry : entries) {
      try {
        batch.add(new Pending(EventCodec.decode(entry.payload()), entry.payload(), 0));
      } catch (IllegalArgumentException e) {
        unreadable++;
        LOG.error("audit chain '{}': a record in the spill file {} passes its checksum but is not an"
            + " audit event; skipped: {}", config.chainId(), spill.directory(), e.getMessage());
      }
    }
    lock.lock();
    try {
      counters.unreadableSpillRecords(unreadable);
      inFlight = batch;
      inFlightSpillRecords = entries.size();
      inFlightFromSpill = true;
      inFlightClaimed = false;
    } finally {
      lock.unlock();
    }
    return entries.get(entries.size() - 1).end();
  }

  /**
   * Moves the spill file's acknowledged position past records now committed. The batch counts as
   * written either way: when the checkpoint cannot be saved (disk full, I/O error) the queue still
   * moves on in memory, and after a crash the records are replayed and skipped as already stored.
   */
  private void acknowledgeSpill(SpillQueue.Position through) {
    try {
      spill.acknowledge(through);
    } catch (IOException e) {
      LOG.warn("audit chain '{}': cannot save the spill checkpoint in {} ({}); the replayed events are"
          + " stored, and a restart would only replay them again as duplicates", config.chainId(),
          spill.directory(), e.toString());
    }
  }

  private boolean needsIdentity() {
    lock.lock();
    try {
      return spillOwner != null && spillOwner.needsIdentity();
    } finally {
      lock.unlock();
    }
  }

  /** Binds the spill queue to the database reached; recovered records that belong elsewhere are set aside. */
  private void identified(DatabaseIdentity database) throws IOException {
    lock.lock();
    try {
      if (spillOwner.identified(database) > 0) {
        // Only the earlier run's records were counted: nothing was appended while they waited,
        // and none was read (the identity comes before the first read).
        spillLedger = new SpillLedger(0);
      }
      spillerWork.signal();
    } finally {
      lock.unlock();
    }
  }

  private List<Pending> inFlightSnapshot() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  private boolean backendFailing() {
    lock.lock();
    try {
      return backendFailing;
    } finally {
      lock.unlock();
    }
  }

  private void succeeded(ChainWriter.Outcome outcome) {
    lock.lock();
    try {
      if (inFlightFromSpill) {
        committedThrough = Math.max(committedThrough, spillLedger.removeOldest(inFlightSpillRecords));
        counters.replayed(inFlightSpillRecords);
      } else {
        committedThrough = Math.max(committedThrough, inFlight.get(inFlight.size() - 1).acceptSeq());
      }
      if (!inFlightClaimed) {
        counters.written(outcome);
      }
      // else the spiller copied this batch to the spill file while the write hung: the replay of
      // that copy (or its rewrite, if the copy failed) finds these events stored and counts them
      // then as duplicates, so counting them here as well would count them twice
      inFlight = null;
      attemptsEnded++;
      if (backendFailing) {
        backendFailing = false;
        LOG.info("audit chain '{}': PostgreSQL is back; writing again", config.chainId());
      }
      durableAdvanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void failed(Exception e, boolean fromSpill) {
    if (fromSpill && spill != null) {
      spill.rewind();
    }
    lock.lock();
    try {
      if (inFlightFromSpill || inFlightClaimed) {
        inFlight = null; // it is in the spill file: read it from there again
      }
      if (!backendFailing) {
        backendFailing = true;
        LOG.warn("audit chain '{}': writing failed; keeping {} events and retrying{}: {}",
            config.chainId(), memory.size() + (inFlight == null ? 0 : inFlight.size()),
            spill == null ? "" : " (spilling to " + spill.directory() + " when memory runs short)",
            describe(e));
      } else {
        LOG.debug("audit chain '{}': write attempt failed again: {}", config.chainId(), describe(e));
      }
      attemptsEnded++;
      spillerWork.signal();
      durableAdvanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A failure for the log: the SQLSTATE when there is one. */
  static String describe(Exception e) {
    if (e instanceof dev.citadel.client.QueryException q) {
      return "SQLSTATE " + q.sqlState() + ": " + q.getMessage();
    }
    return e.toString();
  }

  private void runSpiller() {
    while (true) {
      List<Pending> chunk = new ArrayList<>();
      List<Pending> claimed = null;
      lock.lock();
      try {
        while (!shouldSpill()) {
          if (stopped) {
            return;
          }
          spillerWork.await(backendFailing ? 50 : 1000, TimeUnit.MILLISECONDS);
        }
        if (inFlight != null && !inFlightFromSpill && !inFlightClaimed) {
          claimed = inFlight;
          chunk.addAll(inFlight);
          inFlightClaimed = true;
        }
        while (!memory.isEmpty() && chunk.size() < SPILL_CHUNK) {
          chunk.add(memory.pollFirst());
        }
        oldestQueuedNanos = System.nanoTime();
        spillMode = true;
        spillerBusy = true;
        notFull.signalAll();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      List<byte[]> payloads = new ArrayList<>(chunk.size());
      long bytes = 0;
      for (Pending p : chunk) {
        payloads.add(p.encoded());
        bytes += p.encoded().length;
      }
      Throwable failure = null;
      boolean full = false;
      boolean appended = false;
      try {
        full = !spill.hasRoom(bytes, payloads.size());
        if (!full) {
          spill.append(payloads);
          appended = true;
        }
      } catch (IOException | RuntimeException | Error e) {
        // Whatever went wrong, this thread must live on: the chunk (with the writer's claimed
        // batch) goes back to memory, and spilling is tried again later.
        failure = e;
      }
      spilled(chunk, claimed, appended, full, failure);
    }
  }

  /** Ends one spill attempt: on success advances the watermark, otherwise returns the chunk to memory. */
  private void spilled(List<Pending> chunk, List<Pending> claimed, boolean appended, boolean full, Throwable failure) {
    lock.lock();
    try {
      spillerBusy = false;
      if (!appended) {
        putBack(chunk, claimed);
        spillMode = spillLedger.records() > 0;
        spillBlockedUntil = System.nanoTime() + SPILL_RETRY_NANOS;
        if (failure != null) {
          LOG.error("audit chain '{}': cannot write the spill file {}; events stay in memory: {}",
              config.chainId(), spill.directory(), failure.toString());
        } else if (!spillFullLogged) {
          spillFullLogged = true;
          LOG.error("audit chain '{}': the spill file is full (audit.spill.max_size_mb = {}); events"
              + " stay in memory and record() applies audit.overflow_policy when it is full",
              config.chainId(), config.spillMaxMegabytes());
        }
      } else {
        spillFullLogged = false;
        spilledThrough = Math.max(spilledThrough, spillLedger.appended(chunk));
        counters.spilled(chunk.size());
        durableAdvanced.signalAll();
        writerWork.signal();
      }
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Returns a chunk that could not be spilled to the front of memory, in order. */
  private void putBack(List<Pending> chunk, List<Pending> claimed) {
    List<Pending> back = chunk;
    if (claimed != null) {
      if (inFlight == claimed) {
        inFlightClaimed = false;
        back = chunk.subList(claimed.size(), chunk.size());
      }
      // Otherwise the writer dropped its batch, counting on the spill file: it goes back too.
      // If the writer had stored it meanwhile, the chain writer skips it as already stored.
    }
    for (int i = back.size() - 1; i >= 0; i--) {
      memory.addFirst(back.get(i));
    }
  }

  private boolean shouldSpill() {
    if (stopped || spillerBusy || System.nanoTime() - spillBlockedUntil < 0 || (spillOwner != null && !spillOwner.mayAppend())) {
      return false;
    }
    if (!backendFailing && !spillMode) {
      return false;
    }
    boolean claimable = inFlight != null && !inFlightFromSpill && !inFlightClaimed;
    if (memory.isEmpty() && !claimable) {
      return false;
    }
    if (!backendFailing) {
      // Spill mode with PostgreSQL up: the writer is draining the file; add to it only when
      // memory runs short or the log is closing.
      return memory.size() >= highWater || (closing && !memory.isEmpty());
    }
    return memory.size() >= highWater || flushWaiters > 0 || closing;
  }

  /**
   * Stops accepting, waits up to {@code audit.flush_timeout} for every accepted event to be
   * committed or in the spill file (a backlog in the spill file is left for the next writer of
   * the chain), stops the threads and closes the spill file.
   *
   * @throws AuditTimeoutException when some accepted events could not be made durable in time
   *     (they are lost; the log says how many)
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      if (Thread.currentThread() != exitHook && exitHook.getState() == Thread.State.NEW) {
        try {
          Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
          // The JVM is exiting already: the hook finds the pipeline closing and returns.
        }
      }
      notFull.signalAll();
      writerWork.signalAll();
      spillerWork.signalAll();
    } finally {
      lock.unlock();
    }
    AuditTimeoutException lost = null;
    try {
      awaitDone(config.flushTimeout(), true, false);
    } catch (AuditTimeoutException e) {
      lost = e;
    }
    lock.lock();
    try {
      stopped = true;
      writerWork.signalAll();
      spillerWork.signalAll();
    } finally {
      lock.unlock();
    }
    join(writer);
    join(spiller);
    if (spill != null) {
      try {
        spill.close();
      } catch (IOException e) {
        LOG.warn("audit chain '{}': closing the spill file failed", config.chainId(), e);
      }
    }
    if (lost != null) {
      LOG.error("audit chain '{}': closed with {} accepted events neither in PostgreSQL nor in the"
          + " spill file; they are lost", config.chainId(), lost.pending());
      throw new AuditTimeoutException(lost.pending(), lost.waited(), "audit log closed with "
          + lost.pending() + " accepted events neither in PostgreSQL nor in the spill file after "
          + Durations.format(config.flushTimeout()) + " (audit.flush_timeout); they are lost");
    }
  }

  /** Waits up to 5 s for {@code t}, interrupts it, waits 5 s more; an interrupt of the caller is kept for later. */
  private static void join(Thread t) {
    if (t.getState() == Thread.State.NEW) {
      return;
    }
    boolean interrupted = false;
    for (int round = 0; round < 2 && t.isAlive(); round++) {
      if (round == 1) {
        t.interrupt();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (t.isAlive() && deadline - System.nanoTime() > 0) {
        try {
          TimeUnit.NANOSECONDS.timedJoin(t, deadline - System.nanoTime());
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
