package dev.citadel.client.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.audit.AuditStats;
import dev.citadel.client.audit.AuditVerifier;
import dev.citadel.client.audit.VerificationResult;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.internal.SqlFailures;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.support.FrozenServer;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL that stops answering without closing anything: a black hole on the network (the
 * test kit's {@link TcpProxy#freeze()}) or a server whose processes are stopped with
 * {@code SIGSTOP}. Every call (queries, updates, COMMIT, {@code migrate()}, {@code health()},
 * the audit writer's COPY) must end within the configured bound with an
 * {@link UnavailableException} (health: DOWN entries), the breaker must open, the audit writer
 * must spill, and after the fault ends nothing is lost.
 */
@ExtendWith(CitadelTestKitExtension.class)
class HungPostgresIT {
  private static final Logger LOG = LoggerFactory.getLogger(HungPostgresIT.class);
  private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration POOL_WAIT = Duration.ofSeconds(1);
  /**
   * What a caller may wait while PostgreSQL hangs. A statement waits for one blocked read (2 s)
   * or a pool wait (1 s) per attempt; a COPY in flight for three blocked reads (its end, its
   * cancellation, the rollback: 6 s) before a retry's pool wait; two attempts at most. Room is
   * left for a loaded CI machine. Without a socket timeout calls hang for as long as the fault
   * lasts.
   */
  private static final Duration BOUND = Duration.ofSeconds(15);

  @TempDir Path spill;

  /** The two ways to make PostgreSQL hang. */
  private interface Fault {
    void start() throws Exception;

    void end() throws Exception;
  }

  @Test
  void aBlackHoleFailsEveryPostgresCallWithinTheSocketTimeout(TestDatabase testDb) throws Exception {
    try (TcpProxy proxy = TcpProxy.start(testDb.host(), testDb.port())) {
      everyCallEndsWithinTheBound(proxy.database(testDb), "black-hole", new Fault() {
        @Override
        public void start() {
          proxy.freeze();
        }

        @Override
        public void end() {
          proxy.unfreeze();
        }
      });
    }
  }

  @Test
  void aFrozenServerProcessFailsEveryPostgresCallWithinTheSocketTimeout() throws Exception {
    try (DedicatedPostgres server = DedicatedPostgres.builder().start();
        TestDatabase testDb = server.createDatabase();
        FrozenServer frozen = FrozenServer.of(server)) {
      everyCallEndsWithinTheBound(testDb, "frozen-server", new Fault() {
        @Override
        public void start() throws Exception {
          frozen.freeze();
        }

        @Override
        public void end() throws Exception {
          frozen.thaw();
        }
      });
    }
  }

  private void everyCallEndsWithinTheBound(ConfigValues database, String chain, Fault fault)
      throws Exception {
    ExecutorService callers = Executors.newCachedThreadPool();
    try (Database db = Database.create(config(database))) {
      db.migrate();
      db.update("CREATE TABLE hung_calls (id int PRIMARY KEY)");
      AuditConfig audit = AuditConfig.builder().chainId(chain).spillDirectory(spill).batchSize(50)
          .flushInterval(Duration.ofMillis(20)).build();
      Set<String> expected = ConcurrentHashMap.newKeySet();
      try (AuditLog log = AuditLog.create(db, audit)) {
        record(log, "before", 100, expected);
        log.flush();

        // Three transactions hold a connection when the fault starts, each then waiting on a read:
        // a query's result, COMMIT's answer, the end of a COPY.
        CountDownLatch inTransaction = new CountDownLatch(3);
        CountDownLatch faultStarted = new CountDownLatch(1);
        Future<Duration> queryInFlight = callers.submit(() -> failsUnavailable(() -> db.inTransaction(tx -> {
          tx.queryOne("SELECT 1", RowMapper.column(Integer.class));
          inTransaction.countDown();
          faultStarted.await();
          return tx.queryOne("SELECT count(*) FROM hung_calls", RowMapper.column(Long.class));
        })));
        Future<Duration> commit = callers.submit(() -> failsUnavailable(() -> db.inTransaction(tx -> {
          tx.update("INSERT INTO hung_calls VALUES (1)");
          inTransaction.countDown();
          faultStarted.await();
          return null;
        })));
        Future<Duration> copy = callers.submit(() -> copyFailsUnavailable(() -> db.inTransaction(tx -> {
          CopyIn in = tx.connection().unwrap(PGConnection.class).getCopyAPI()
              .copyIn("COPY hung_calls (id) FROM STDIN");
          byte[] rows = "10\n11\n12\n".getBytes(StandardCharsets.UTF_8);
          in.writeToCopy(rows, 0, rows.length);
          inTransaction.countDown();
          faultStarted.await();
          try {
            return in.endCopy();
          } finally {
            // As the audit writer does: the driver keeps the connection locked for a COPY that
            // failed until it is cancelled, and any later statement (the rollback) waits forever.
            if (in.isActive()) {
              in.cancelCopy();
            }
          }
        })));
        assertThat(inTransaction.await(30, TimeUnit.SECONDS)).isTrue();
        // Events come before the fault and keep coming after it started, so the audit writer has
        // writes that get stuck on the hung connection (however fast it drained the first ones).
        AtomicInteger streamed = new AtomicInteger();
        Future<?> producer = callers.submit(() -> {
          for (int n = 0; n < 1_500; n++) {
            if (n == 1_000) {
              faultStarted.await();
            }
            recordOne(log, "stream", n, expected);
            streamed.incrementAndGet();
          }
          return null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> streamed.get() >= 1_000);
        fault.start();
        try {
          faultStarted.countDown();
          Future<Duration> query = callers.submit(() -> failsUnavailable(
              () -> db.queryOne("SELECT count(*) FROM hung_calls", RowMapper.column(Long.class))));
          Future<Duration> update = callers.submit(() -> failsUnavailable(
              () -> db.update("INSERT INTO hung_calls VALUES (2)")));
          Future<Duration> migrate = callers.submit(() -> failsUnavailable(db::migrate));
          Future<HealthReport> health = callers.submit(db::health);
          long healthStart = System.nanoTime();
          producer.get(BOUND.toSeconds(), TimeUnit.SECONDS);

          // A stuck write counts as failing: the flush returns once the events are spilled.
          long flushStart = System.nanoTime();
          log.flush(BOUND);
          Duration flushTook = Duration.ofNanos(System.nanoTime() - flushStart);
          AuditStats down = log.stats();
          LOG.info("{}: audit flush returned after {} ms: {}", chain, flushTook.toMillis(), down);
          assertThat(flushTook).as("audit flush").isLessThan(BOUND);
          assertThat(down.backendAvailable()).isFalse();
          assertThat(down.spilled()).as("spilled events").isPositive();

          Map<String, Future<Duration>> calls = new LinkedHashMap<>();
          calls.put("query in flight", queryInFlight);
          calls.put("commit", commit);
          calls.put("copy", copy);
          calls.put("query", query);
          calls.put("update", update);
          calls.put("migrate", migrate);
          for (Map.Entry<String, Future<Duration>> call : calls.entrySet()) {
            Duration took = call.getValue().get(BOUND.toSeconds() + 5, TimeUnit.SECONDS);
            LOG.info("{}: {} failed with UnavailableException after {} ms", chain, call.getKey(), took.toMillis());
            assertThat(took).as(call.getKey()).isLessThan(BOUND);
          }
          HealthReport report = health.get(BOUND.toSeconds() + 5, TimeUnit.SECONDS);
          Duration healthTook = Duration.ofNanos(System.nanoTime() - healthStart);
          LOG.info("{}: health reported after {} ms: {}", chain, healthTook.toMillis(), report);
          assertThat(healthTook).as("health").isLessThan(BOUND);
          assertThat(report.check("postgres.pooled").map(HealthCheck::isUp)).as("%s", report).contains(false);
          assertThat(report.check("postgres.direct").map(HealthCheck::isUp)).as("%s", report).contains(false);

          // The breaker has seen the failures: a call soon fails fast without touching the server.
          await().atMost(BOUND.multipliedBy(2)).until(() -> {
            try {
              db.queryOne("SELECT 1", RowMapper.column(Integer.class));
              return false;
            } catch (UnavailableException e) {
              return e.breakerOpen();
            }
          });
        } finally {
          fault.end();
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> db.queryOne("SELECT 1", RowMapper.column(Integer.class)) == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          AuditStats now = log.stats();
          return now.backendAvailable() && now.pendingInSpill() == 0 && now.pendingInMemory() == 0;
        });
        log.flush(Duration.ofSeconds(60));
        // A batch whose COMMIT reached the server before the fault but whose reply did not is also
        // in the spill: its replay finds it stored and counts it as a duplicate, not a write.
        AuditStats after = log.stats();
        assertThat(after.written() + after.duplicatesSkipped()).isEqualTo(expected.size());
        assertThat(db.migrate().applied()).isZero();
      }
      List<String> stored = db.query("SELECT request_id FROM audit.logs WHERE chain_id = ?",
          RowMapper.column(String.class), chain);
      assertThat(stored).as("every event stored once").hasSize(expected.size());
      assertThat(new HashSet<>(stored)).isEqualTo(expected);
      VerificationResult verified = AuditVerifier.create(db)
          .verify(chain, Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60));
      assertThat(verified.intact()).as("%s", verified.violation()).isTrue();
      assertThat(db.breakerState(Endpoint.POOLED)).isEqualTo(BreakerState.CLOSED);
    } finally {
      callers.shutdownNow();
    }
  }

  private static CitadelConfig config(ConfigValues database) {
    PoolConfig pool = PoolConfig.builder().minConnections(0).maxConnections(8).waitTimeout(POOL_WAIT).build();
    return TestConfigs.citadel(database, b -> b
            .statementTimeout(STATEMENT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).connectTimeout(Duration.ofSeconds(1))
            .pool(pool).directPool(pool))
        .toBuilder()
        .resilience(ResilienceConfig.builder().maxAttempts(2).initialDelay(Duration.ofMillis(20))
            .maxDelay(Duration.ofMillis(100)).failureThreshold(3).breakerDelay(Duration.ofSeconds(2))
            .successThreshold(1).build())
        .build();
  }

  /** Runs {@code call}, which must fail with {@link UnavailableException}; returns how long it took. */
  private static Duration failsUnavailable(Callable<?> call) throws Exception {
    long start = System.nanoTime();
    try {
      call.call();
    } catch (UnavailableException e) {
      return Duration.ofNanos(System.nanoTime() - start);
    }
    throw new AssertionError("succeeded although PostgreSQL hangs");
  }

  /**
   * Runs {@code call}, a transaction writing with the driver's COPY API, which must fail with the
   * SQLException that {@link SqlFailures} (as the audit writer uses it) maps to
   * {@link UnavailableException}; returns how long it took.
   */
  private static Duration copyFailsUnavailable(Callable<?> call) throws Exception {
    long start = System.nanoTime();
    try {
      call.call();
    } catch (SQLException e) {
      assertThat(SqlFailures.INSTANCE.translate("postgres-pooled", e, 1)).isInstanceOf(UnavailableException.class);
      return Duration.ofNanos(System.nanoTime() - start);
    }
    throw new AssertionError("COPY succeeded although PostgreSQL hangs");
  }

  private static void record(AuditLog log, String actor, int count, Set<String> expected) {
    for (int n = 0; n < count; n++) {
      recordOne(log, actor, n, expected);
    }
  }

  private static void recordOne(AuditLog log, String actor, int n, Set<String> expected) {
    log.record(AuditEvent.builder().service(actor).action("model.infer").model("hermes")
        .outcome(AuditOutcome.SUCCESS).requestId(actor + "/" + n).details("{\"n\": " + n + "}").build());
    expected.add(actor + "/" + n);
  }
}
