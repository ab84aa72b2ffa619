package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The writer against a healthy PostgreSQL: exactly once, in order, bad input refused alone, event
 * times across the accepted range, two writers on one chain.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditWriterIT {
  private static final int SHARED_PER_WRITER = 20_000;

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
  void eventsFromSixteenThreadsArriveExactlyOnceInPerThreadOrder() throws Exception {
    int threads = 16;
    int perThread = 12_500;
    // Producers outrun the writer on a busy 2-core machine; this test is about exactly-once and
    // order, so producers may wait for room as long as it takes.
    AuditConfig config = AuditTestSupport.config("concurrency", spill)
        .overflowTimeout(Duration.ofMinutes(2)).flushTimeout(Duration.ofMinutes(2)).build();
    try (AuditLog log = AuditLog.create(db, config)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> producers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String actor = "thread-" + t;
        producers.add(pool.submit(() -> {
          start.await();
          for (int n = 0; n < perThread; n++) {
            log.record(AuditEvent.builder().service(actor).action("model.infer").model("mixtral")
                .outcome(AuditOutcome.SUCCESS).requestId(actor + "/" + n).details(Map.of("n", n)).build());
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : producers) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      log.flush();
      assertThat(log.stats().accepted()).isEqualTo((long) threads * perThread);
      assertThat(log.stats().written()).isEqualTo((long) threads * perThread);
    }

    // Walk the chain in order: each thread's numbers must come out as 0, 1, 2, ... exactly.
    Map<String, Integer> nextExpected = new HashMap<>();
    long[] rows = {0};
    long[] lastSeq = {0};
    try (var stream = db.stream("SELECT actor, (details->>'n')::int, seq FROM audit.logs"
        + " WHERE chain_id = 'concurrency' ORDER BY seq", r -> new Object[] {r.getString(1), r.getInt(2), r.getLong(3)})) {
      stream.forEach(row -> {
        String actor = (String) row[0];
        int n = (Integer) row[1];
        int expected = nextExpected.getOrDefault(actor, 0);
        assertThat(n).as("next event of %s", actor).isEqualTo(expected);
        nextExpected.put(actor, expected + 1);
        assertThat((Long) row[2]).as("positions without gaps").isEqualTo(lastSeq[0] + 1);
        lastSeq[0]++;
        rows[0]++;
      });
    }
    assertThat(rows[0]).isEqualTo((long) threads * perThread);
    assertThat(nextExpected).hasSize(threads).allSatisfy((actor, count) -> assertThat(count).isEqualTo(perThread));
    assertThat(db.queryOne("SELECT count(DISTINCT id) FROM audit.logs WHERE chain_id = 'concurrency'",
        RowMapper.column(Long.class))).isEqualTo((long) threads * perThread);
    VerificationResult verified = AuditVerifier.create(db)
        .verify("concurrency", Instant.parse("2000-01-01T00:00:00Z"), Instant.now().plusSeconds(60));
    assertThat(verified.intact()).as("%s", verified.violation()).isTrue();
    assertThat(verified.rowsChecked()).isEqualTo((long) threads * perThread);
  }

  @Test
  void badEventsAreRefusedWithTypedErrorsAndTheRestOfTheBatchIsStored() {
    AuditConfig config = AuditTestSupport.config("bad-input", spill).maxDetailsBytes(1024)
        .flushInterval(java.time.Duration.ofSeconds(30)).build();
    List<String> stored = new ArrayList<>();
    try (AuditLog log = AuditLog.create(db, config)) {
      for (int k = 0; k < 30; k++) {
        int i = k;
        String requestId = "ok-" + i;
        log.record(AuditEvent.builder().user("bob").action("doc.read").outcome(AuditOutcome.SUCCESS)
            .requestId(requestId).details("{\"i\": " + i + "}").build());
        stored.add(requestId);
        int bad = i % 3;
        if (bad == 0) {
          assertThatThrownBy(() -> log.record(AuditEvent.builder().user("bob").outcome(AuditOutcome.FAILURE)
              .requestId("no-action-" + i).build()))
              .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("action"));
        } else if (bad == 1) {
          assertThatThrownBy(() -> log.record(AuditEvent.builder().user("bob").action("doc.read")
              .outcome(AuditOutcome.SUCCESS).requestId("bad-json-" + i).details("{\"secret\": \"x\",}").build()))
              .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                assertThat(e.argument()).isEqualTo("details");
                assertThat(e.getMessage()).doesNotContain("secret");
              });
        } else {
          String big = "{\"blob\": \"" + "x".repeat(2000) + "\"}";
          assertThatThrownBy(() -> log.record(AuditEvent.builder().user("bob").action("doc.read")
              .outcome(AuditOutcome.SUCCESS).requestId("too-big-" + i).details(big).build()))
              .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                assertThat(e.argument()).isEqualTo("details");
                assertThat(e.getMessage()).contains("audit.max_details_bytes");
              });
        }
      }
      // All 30 good events are still in one partial batch: flush() writes it.
      assertThat(log.stats().written()).isZero();
      log.flush();
    }
    assertThat(db.query("SELECT request_id FROM audit.logs WHERE chain_id = 'bad-input' ORDER BY seq",
        RowMapper.column(String.class))).containsExactlyElementsOf(stored);
  }

  /**
   * Event times far from 1970 (the whole range {@link AuditEvent} accepts, years 1 to 9999) are
   * stored, read back to the microsecond and hashed like any other; more than about 292 years from
   * 1970 used to overflow a nanosecond count.
   */
  @Test
  void timesAcrossTheWholeAcceptedRangeRoundTrip() {
    List<Instant> times = List.of(
        Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("1500-06-15T12:34:56.000001Z"),
        Instant.parse("2600-02-28T23:59:59.999999Z"),
        Instant.parse("9999-12-31T23:59:59.999999Z"));
    try (AuditLog log = AuditLog.create(db, AuditTestSupport.config("far", spill).build())) {
      for (Instant t : times) {
        log.record(AuditEvent.builder().time(t).service("archive").action("import.history")
            .outcome(AuditOutcome.SUCCESS).build());
      }
      log.flush();

      assertThat(log.query(AuditQuery.builder().actor("archive").build()).items())
          .extracting(r -> r.event().time())
          .as("newest first").containsExactly(times.get(3), times.get(2), times.get(1), times.get(0));
    }
    VerificationResult verified = AuditVerifier.create(db)
        .verify("far", Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z").plusNanos(1000));
    assertThat(verified.intact()).as("%s", verified.firstViolation()).isTrue();
    assertThat(verified.rowsChecked()).isEqualTo(times.size());
  }

  /**
   * Two writers sharing one chain id (a misconfiguration the docs warn about): each batch is
   * COPYed before the head moves, so the one that finds the head moved must roll its batch back and
   * chain it again. Every event ends up stored once, seq numbers have no gaps, the chain verifies.
   */
  @Test
  void twoWritersOnOneChainStoreEveryEventOnceWithoutGaps() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (AuditLog a = AuditLog.create(db, AuditTestSupport.config("shared", spill.resolve("writer-a")).batchSize(200).build());
        AuditLog b = AuditLog.create(db, AuditTestSupport.config("shared", spill.resolve("writer-b")).batchSize(200).build())) {
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

    assertThat(AuditTestSupport.rows(db, "shared")).isEqualTo(2L * SHARED_PER_WRITER);
    assertThat(db.queryOne("SELECT count(DISTINCT id) FROM audit.logs WHERE chain_id = 'shared'",
        RowMapper.column(Long.class))).isEqualTo(2L * SHARED_PER_WRITER);
    assertThat(db.queryOne("SELECT min(seq) = 1 AND max(seq) = count(*) AND count(DISTINCT seq) = count(*)"
        + " FROM audit.logs WHERE chain_id = 'shared'", RowMapper.column(Boolean.class)))
        .as("seq 1..n, no gaps, no repeats").isTrue();
    VerificationResult verified = AuditVerifier.create(db).verify("shared", start, Instant.now().plusSeconds(1));
    assertThat(verified.intact()).as("%s", verified.firstViolation()).isTrue();
  }

  private static Void produce(AuditLog log, String actor, CountDownLatch go) throws InterruptedException {
    go.await();
    for (int i = 0; i < SHARED_PER_WRITER; i++) {
      log.record(AuditEvent.builder().service(actor).action("step").outcome(AuditOutcome.SUCCESS)
          .details("{\"i\": " + i + "}").build());
    }
    return null;
  }
}
