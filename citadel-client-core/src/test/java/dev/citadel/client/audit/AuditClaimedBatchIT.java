package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that hangs while the backend is failing, whose batch the spiller copies to the spill
 * file for a flush, and which then commits after all: its events are stored once and counted once
 * (written or found stored on replay), never both. The hang is real: the writer's head update
 * waits for a row lock another transaction holds; its first attempt is cancelled on the server.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditClaimedBatchIT {
  /** The writer's head update waiting for a lock: its backend and when that statement started. */
  private static final String WAITING_HEAD_UPDATE = "SELECT pid, query_start::text FROM pg_stat_activity WHERE"
      + " datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE audit.chains%'";

  private record Waiting(int pid, String since) {}

  @TempDir static Path spill;
  private static Database db;

  @BeforeAll
  static void migrate(TestDatabase testDb) {
    db = AuditTestSupport.migratedDatabase(testDb);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aBatchSpilledWhileItsWriteHungAndThenCommittedIsCountedOnce() throws Exception {
    String chain = "claimed-" + Long.toString(System.nanoTime(), 36);
    int events = 50;
    ExecutorService holder = Executors.newFixedThreadPool(2);
    try (AuditLog log = AuditLog.create(db, AuditTestSupport.config(chain, spill).build())) {
      record(log, "head", 0);
      log.flush();

      CountDownLatch locked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<?> lock = holder.submit(() -> db.inTransaction(tx -> {
        tx.queryOne("SELECT last_seq FROM audit.chains WHERE chain_id = ? FOR UPDATE", RowMapper.column(Long.class),
            chain);
        locked.countDown();
        assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
        return null;
      }));
      assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
      for (int n = 1; n <= events; n++) {
        record(log, "hung", n);
      }

      // First attempt: hangs on the head's row lock, is cancelled, and the writer marks PostgreSQL failing.
      Waiting first = await().atMost(Duration.ofSeconds(30)).until(this::waitingWriter, w -> w != null);
      assertThat(db.queryOne("SELECT pg_cancel_backend(?)", RowMapper.column(Boolean.class), first.pid())).isTrue();
      await().atMost(Duration.ofSeconds(30)).until(() -> !log.stats().backendAvailable());
      // Second attempt: hangs the same way; a flush now makes the spiller copy its batch to the spill
      // file (the flush itself waits for the attempt to end).
      await().atMost(Duration.ofSeconds(30)).until(this::waitingWriter,
          w -> w != null && !w.since().equals(first.since()));
      Future<?> flush = holder.submit(() -> log.flush(Duration.ofSeconds(60)));
      await().atMost(Duration.ofSeconds(30)).until(() -> log.stats().spilled() > 0);
      assertThat(waitingWriter()).as("the write still hangs after its batch was spilled").isNotNull();

      // The lock goes away: the hung write commits after all, and the spill copy is replayed.
      release.countDown();
      lock.get(30, TimeUnit.SECONDS);
      flush.get(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        AuditStats now = log.stats();
        return now.backendAvailable() && now.pendingInSpill() == 0 && now.pendingInMemory() == 0;
      });
      log.flush();
      AuditStats after = log.stats();
      assertThat(after.written() + after.duplicatesSkipped()).as("%s", after).isEqualTo(events + 1L);
      assertThat(after.replayed()).as("every spilled record acknowledged: %s", after).isEqualTo(after.spilled());
    } finally {
      holder.shutdownNow();
    }
    assertThat(AuditTestSupport.rows(db, chain)).as("every event stored once").isEqualTo(events + 1L);
    VerificationResult verified = AuditVerifier.create(db)
        .verify(chain, Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60));
    assertThat(verified.intact()).as("%s", verified.violation()).isTrue();
  }

  private Waiting waitingWriter() {
    return db.query(WAITING_HEAD_UPDATE, row -> new Waiting(row.getInt(1), row.getString(2))).stream().findFirst()
        .orElse(null);
  }

  private static void record(AuditLog log, String actor, int n) {
    log.record(AuditEvent.builder().service(actor).action("model.infer").model("hermes")
        .outcome(AuditOutcome.SUCCESS).requestId(actor + "/" + n).build());
  }
}
