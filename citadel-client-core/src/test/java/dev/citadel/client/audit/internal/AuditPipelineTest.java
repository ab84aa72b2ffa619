package dev.citadel.client.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.config.AuditConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's own faults, around a real spill queue on disk and a sink that fails on command:
 * disk faults in the spill queue, an error on the spiller thread, close() on an interrupted thread.
 */
class AuditPipelineTest {
  @TempDir Path dir;
  private StoringSink sink = new StoringSink();
  private AuditPipeline pipeline;

  /** Stores events in memory, each id once (as the chain writer skips stored events); fails while told to. */
  static class StoringSink implements AuditSink {
    final Set<String> stored = new LinkedHashSet<>();
    volatile boolean failing;

    @Override
    public synchronized ChainWriter.Outcome write(List<Pending> batch) {
      if (failing) {
        throw new IllegalStateException("PostgreSQL is down (test)");
      }
      awaitGate();
      int inserted = 0;
      for (Pending p : batch) {
        if (stored.add(p.event().requestId())) {
          inserted++;
        }
      }
      return new ChainWriter.Outcome(inserted, batch.size() - inserted);
    }

    @Override
    public DatabaseIdentity identity() {
      if (failing) {
        throw new IllegalStateException("PostgreSQL is down (test)");
      }
      return new DatabaseIdentity("7000000000000000001", 16384, "test");
    }

    /** Called before each write; a slow PostgreSQL waits here. */
    void awaitGate() {
    }

    synchronized List<String> stored() {
      return new ArrayList<>(stored);
    }
  }

  @AfterEach
  void closePipeline() {
    if (pipeline != null) {
      sink.failing = false;
      pipeline.close();
    }
  }

  private static AuditConfig.Builder config(Path dir) {
    return AuditConfig.builder().chainId("pipeline").spillDirectory(dir).bufferCapacity(100).batchSize(10)
        .flushInterval(Duration.ofMillis(20)).flushTimeout(Duration.ofSeconds(20));
  }

  private AuditPipeline start(AuditConfig config, SpillQueue.FileOpener files) throws IOException {
    SpillQueue spill = SpillQueue.open(dir.resolve("pipeline"), 1 << 24, files);
    pipeline = new AuditPipeline(config, sink, () -> { }, spill, "localhost:5432", "test");
    pipeline.start();
    return pipeline;
  }

  private static void submit(AuditPipeline pipeline, int from, int to) {
    for (int i = from; i < to; i++) {
      AuditEvent event = AuditEvent.builder().id(UUID.randomUUID()).time(Instant.now()).service("svc")
          .action("test").outcome(AuditOutcome.SUCCESS).requestId("e" + i).build();
      pipeline.submit(event, EventCodec.encode(event));
    }
  }

  private static List<String> ids(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("e" + i);
    }
    return out;
  }

  /** Fails every open of {@code name} (disk full) while {@code failures} is positive. */
  private static SpillQueue.FileOpener failing(String name, AtomicInteger failures, RuntimeException unchecked) {
    return (file, options, attributes) -> {
      if (file.getFileName().toString().startsWith(name) && failures.getAndDecrement() > 0) {
        if (unchecked != null) {
          throw unchecked;
        }
        throw new IOException("No space left on device (test)");
      }
      return FileChannel.open(file, options, attributes);
    };
  }

  @Test
  void aFailedCheckpointWriteDoesNotCorruptThePendingCount() throws IOException {
    AuditPipeline p = start(config(dir).build(), failing("checkpoint", new AtomicInteger(Integer.MAX_VALUE), null));
    sink.failing = true;
    submit(p, 0, 50);
    p.flush(Duration.ofSeconds(10)); // PostgreSQL is failing: the events are in the spill file
    assertThat(p.stats().pendingInSpill()).isEqualTo(50);

    sink.failing = false; // every checkpoint write of the replay fails (disk full)
    await().atMost(Duration.ofSeconds(20)).until(() -> p.stats().pendingInSpill() == 0);
    submit(p, 50, 60);
    p.flush(Duration.ofSeconds(10));
    assertThat(sink.stored()).containsExactlyElementsOf(ids(0, 60));
    assertThat(p.stats().backendAvailable()).isTrue();
  }

  @Test
  void anErrorOnTheSpillerThreadKeepsTheClaimedBatchAndThePipelineMoving() throws IOException {
    AuditPipeline p = start(config(dir).build(),
        failing("segment-", new AtomicInteger(1), new IllegalStateException("injected spiller fault")));
    sink.failing = true;
    submit(p, 0, 50);
    p.flush(Duration.ofSeconds(15)); // the first spill attempt throws; a later one succeeds
    assertThat(p.stats().pendingInSpill()).isEqualTo(50);

    sink.failing = false;
    p.flush(Duration.ofSeconds(15));
    assertThat(sink.stored()).containsExactlyElementsOf(ids(0, 50));
  }

  @Test
  void closeOnAnInterruptedThreadStillSpills() throws IOException {
    AuditPipeline p = start(config(dir).build(), SpillQueue.REAL_FILES);
    sink.failing = true;
    submit(p, 0, 30);
    Thread.currentThread().interrupt();
    try {
      p.close();
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
    pipeline = null;
    try (SpillQueue reopened = SpillQueue.open(dir.resolve("pipeline"), 1 << 24)) {
      assertThat(reopened.recoveredRecords()).isEqualTo(30);
    }
  }

  @Test
  void closeOnAnInterruptedThreadStillDrains() throws IOException {
    CountDownLatch gate = new CountDownLatch(1);
    sink = new StoringSink() {
      @Override
      void awaitGate() {
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    AuditPipeline p = start(config(dir).flushInterval(Duration.ofHours(1)).build(), SpillQueue.REAL_FILES);
    submit(p, 0, 5); // fewer than a batch, an hour before the flush interval: in memory
    Thread closer = Thread.currentThread();
    Thread opener = new Thread(() -> {
      // PostgreSQL answers only once close() is waiting for it.
      await().atMost(Duration.ofSeconds(20)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
      gate.countDown();
    });
    opener.start();
    Thread.currentThread().interrupt();
    try {
      p.close();
    } finally {
      gate.countDown();
      assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
    pipeline = null;
    assertThat(sink.stored()).containsExactlyElementsOf(ids(0, 5));
  }

  @Test
  void eventsSpilledAfterASetAsideAreBoundToThisWriterAndReplayedByTheNext() throws IOException {
    try (SpillQueue old = SpillQueue.open(dir.resolve("pipeline"), 1 << 24)) {
      old.append(List.of(new byte[] {1, 2, 3})); // no binding: set aside
    }
    AuditPipeline p = start(config(dir).build(), SpillQueue.REAL_FILES);
    assertThat(p.stats().spillRecordsSetAside()).isEqualTo(1);
    sink.failing = true;
    submit(p, 0, 20);
    p.flush(Duration.ofSeconds(10));
    p.close();

    sink.failing = false;
    AuditPipeline next = start(config(dir).build(), SpillQueue.REAL_FILES);
    await().atMost(Duration.ofSeconds(20)).until(() -> next.stats().pendingInSpill() == 0);
    assertThat(next.stats().spillRecordsSetAside()).isZero();
    assertThat(next.stats().replayed()).isEqualTo(20);
    assertThat(sink.stored()).containsExactlyElementsOf(ids(0, 20));
  }
}
