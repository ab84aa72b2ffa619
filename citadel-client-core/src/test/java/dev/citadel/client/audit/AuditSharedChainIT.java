package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers sharing one chain id (a misconfiguration the docs warn about): each batch is
 * COPYed before the head moves, so the one that finds the head moved must roll its batch back and
 * chain it again. Every event ends up stored once, seq numbers have no gaps, the chain verifies.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditSharedChainIT {
  private static final int PER_WRITER = 20_000;

  @TempDir static Path spillA;
  @TempDir static Path spillB;
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
  void twoWritersOnOneChainStoreEveryEventOnceWithoutGaps() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (AuditLog a = AuditLog.create(db, AuditTestSupport.config("shared", spillA).batchSize(200).build());
        AuditLog b = AuditLog.create(db, AuditTestSupport.config("shared", spillB).batchSize(200).build())) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = List.of(
          pool.submit(() -> produce(a, "writer-a", go)),
          pool.submit(() -> produce(b, "writer-b", go)));
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      a.flush();
      b.flush();
    } finally {
      pool.shutdown();
    }

    assertThat(AuditTestSupport.rows(db, "shared")).isEqualTo(2L * PER_WRITER);
    assertThat(db.queryOne("SELECT count(DISTINCT id) FROM audit.logs WHERE chain_id = 'shared'",
        RowMapper.column(Long.class))).isEqualTo(2L * PER_WRITER);
    assertThat(db.queryOne("SELECT min(seq) = 1 AND max(seq) = count(*) AND count(DISTINCT seq) = count(*)"
        + " FROM audit.logs WHERE chain_id = 'shared'", RowMapper.column(Boolean.class)))
        .as("seq 1..n, no gaps, no repeats").isTrue();
    VerificationResult verified = AuditVerifier.create(db).verify("shared", start, Instant.now().plusSeconds(1));
    assertThat(verified.intact()).as("%s", verified.firstViolation()).isTrue();
  }

  private static Void produce(AuditLog log, String actor, CountDownLatch go) throws InterruptedException {
    go.await();
    for (int i = 0; i < PER_WRITER; i++) {
      log.record(AuditEvent.builder().service(actor).action("step").outcome(AuditOutcome.SUCCESS)
          .details("{\"i\": " + i + "}").build());
    }
    return null;
  }
}
