package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.AuditOverflowPolicy;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL goes away while events keep coming. With an embedded server the server process is
 * stopped and started again; otherwise a TCP proxy between client and server is cut and restored.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditOutageIT {
  private static final Logger LOG = LoggerFactory.getLogger(AuditOutageIT.class);

  @TempDir Path spill;

  @Test
  void anOutageLongerThanTheBufferSpillsToDiskAndEveryEventArrivesOnceAfterwards(
      PostgresServer server, TestDatabase testDb) throws Exception {
    boolean realStop = server.controllable();
    LOG.info("outage by {}", realStop ? "stopping the " + server.source() + " server" : "cutting a TCP proxy");
    int capacity = 2_000;
    int threads = 4;
    int perThread = 5_000;
    int before = 1_000;
    AuditConfig config = AuditTestSupport.config("outage", spill).bufferCapacity(capacity)
        .batchSize(200).flushInterval(Duration.ofMillis(50)).overflowTimeout(Duration.ofSeconds(60)).build();
    try (TcpProxy proxy = TcpProxy.start(testDb.host(), testDb.port());
        Database db = Database.create(AuditTestSupport.fastFailing(realStop ? testDb : proxy.database(testDb)))) {
      db.migrate();
      Set<String> expected = new HashSet<>();
      try (AuditLog log = AuditLog.create(db, config)) {
        for (int i = 0; i < before; i++) {
          log.record(event("before", i));
          expected.add("before/" + i);
        }
        log.flush();
        assertThat(log.stats().written()).isEqualTo(before);

        if (realStop) {
          server.stop();
        } else {
          proxy.cut();
        }
        try {
          // Ten times the buffer while PostgreSQL is away: nothing may be refused.
          ExecutorService pool = Executors.newFixedThreadPool(threads);
          CountDownLatch go = new CountDownLatch(1);
          List<Future<?>> producers = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            String actor = "t" + t;
            producers.add(pool.submit(() -> {
              go.await();
              for (int n = 0; n < perThread; n++) {
                log.record(event(actor, n));
              }
              return null;
            }));
            for (int n = 0; n < perThread; n++) {
              expected.add(actor + "/" + n);
            }
          }
          go.countDown();
          for (Future<?> f : producers) {
            f.get(120, TimeUnit.SECONDS);
          }
          pool.shutdown();
          log.flush(Duration.ofSeconds(60));

          AuditStats down = log.stats();
          assertThat(down.rejected()).isZero();
          assertThat(down.backendAvailable()).isFalse();
          assertThat(down.spilled()).isGreaterThan(capacity);
          assertThat(down.pendingInSpill()).isPositive();
          assertThat(down.written()).isLessThan(before + (long) threads * perThread);
          assertThat(segmentBytes(spill.resolve("outage"))).as("spill file on disk").isPositive();
        } finally {
          if (realStop) {
            server.start();
          } else {
            proxy.restore();
          }
        }

        // PostgreSQL is back: flush() now means committed, spill backlog included.
        log.flush(Duration.ofSeconds(90));
        // flush() counts spilled (fsync'd) events as durable while the last attempt failed, which
        // may still be the case just after the restart: the replay itself is awaited here.
        await().atMost(Duration.ofSeconds(90)).until(() -> {
          AuditStats now = log.stats();
          return now.backendAvailable() && now.pendingInSpill() == 0 && now.pendingInMemory() == 0;
        });
        log.flush(Duration.ofSeconds(90));
        AuditStats up = log.stats();
        assertThat(up.pendingInSpill()).isZero();
        assertThat(up.pendingInMemory()).isZero();
        assertThat(up.written()).isEqualTo(expected.size());
      }

      List<String> stored = db.query("SELECT request_id FROM audit.logs WHERE chain_id = 'outage' ORDER BY seq",
          RowMapper.column(String.class));
      assertThat(stored).hasSize(expected.size());
      assertThat(new HashSet<>(stored)).isEqualTo(expected);
      // Per producer, the stored order is the recording order, across memory, spill and replay.
      Map<String, Integer> next = new HashMap<>();
      for (String requestId : stored) {
        String actor = requestId.substring(0, requestId.indexOf('/'));
        int n = Integer.parseInt(requestId.substring(requestId.indexOf('/') + 1));
        assertThat(n).as("next event of %s", actor).isEqualTo(next.getOrDefault(actor, 0));
        next.put(actor, n + 1);
      }
      VerificationResult verified = AuditVerifier.create(db)
          .verify("outage", Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60));
      assertThat(verified.intact()).as("%s", verified.violation()).isTrue();
      assertThat(Files.list(spill.resolve("outage")).filter(f -> f.getFileName().toString().startsWith("segment-")))
          .as("drained spill segments are deleted").isEmpty();
    } finally {
      if (realStop) {
        server.start();
      }
    }
  }

  @Test
  void withoutSpillingAFullBufferFailsFastOrAfterTheTimeoutAndLosesNothingAccepted(TestDatabase testDb) throws Exception {
    try (TcpProxy proxy = TcpProxy.start(testDb.host(), testDb.port());
        Database db = Database.create(AuditTestSupport.fastFailing(proxy.database(testDb)))) {
      db.migrate();
      AuditConfig.Builder base = AuditTestSupport.config("unused", spill).spillMaxMegabytes(0)
          .bufferCapacity(100).batchSize(10).flushInterval(Duration.ofMillis(20));
      try (AuditLog failFast = AuditLog.create(db, base.chainId("fail-fast").overflowPolicy(AuditOverflowPolicy.FAIL).build());
          AuditLog blocking = AuditLog.create(db, base.chainId("blocking").overflowPolicy(AuditOverflowPolicy.BLOCK)
              .overflowTimeout(Duration.ofMillis(300)).build())) {
        proxy.cut();
        try {
          int acceptedFast = fillUntilRefused(failFast);
          int acceptedBlocking = fillUntilRefused(blocking);
          await().atMost(Duration.ofSeconds(30))
              .until(() -> !failFast.stats().backendAvailable() && !blocking.stats().backendAvailable());
          // Each writer now holds one batch it keeps retrying; refill what it took.
          acceptedFast += fillUntilRefused(failFast);
          acceptedBlocking += fillUntilRefused(blocking);
          // The buffer holds 100; the writer holds at most one batch of 10 besides.
          assertThat(acceptedFast).isBetween(100, 110);
          assertThat(acceptedBlocking).isBetween(100, 110);
          assertThatThrownBy(() -> failFast.record(event("late", 0)))
              .isInstanceOfSatisfying(AuditOverflowException.class, e -> {
                assertThat(e.capacity()).isEqualTo(100);
                assertThat(e.waited()).isZero();
                assertThat(e.getMessage()).contains("audit.buffer_capacity")
                    .contains("writing to PostgreSQL is failing and spilling is disabled");
              });
          long t0 = System.nanoTime();
          assertThatThrownBy(() -> blocking.record(event("late", 0)))
              .isInstanceOfSatisfying(AuditOverflowException.class,
                  e -> assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
          assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
          assertThatThrownBy(() -> failFast.flush(Duration.ofMillis(200))).isInstanceOf(AuditTimeoutException.class);

          proxy.restore();
          failFast.flush(Duration.ofSeconds(60));
          blocking.flush(Duration.ofSeconds(60));
          assertThat(AuditTestSupport.rows(db, "fail-fast")).isEqualTo(acceptedFast);
          assertThat(AuditTestSupport.rows(db, "blocking")).isEqualTo(acceptedBlocking);
        } finally {
          proxy.restore();
        }
        assertThat(failFast.stats().rejected()).isEqualTo(3);
        assertThat(blocking.stats().rejected()).isEqualTo(3);
      }
    }
  }

  private static int fillUntilRefused(AuditLog log) {
    for (int i = 0; ; i++) {
      try {
        log.record(event("fill", i));
      } catch (AuditOverflowException e) {
        return i;
      }
      if (i > 10_000) {
        throw new AssertionError("the buffer never filled");
      }
    }
  }

  private static AuditEvent event(String actor, int n) {
    return AuditEvent.builder().service(actor).action("model.infer").model("hermes")
        .outcome(AuditOutcome.SUCCESS).requestId(actor + "/" + n).details("{\"n\": " + n + "}").build();
  }

  private static long segmentBytes(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().startsWith("segment-")) {
          total += Files.size(f);
        }
      }
      return total;
    }
  }
}
