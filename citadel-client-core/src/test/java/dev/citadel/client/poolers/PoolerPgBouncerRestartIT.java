package dev.citadel.client.poolers;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.audit.AuditVerifier;
import dev.citadel.client.audit.VerificationResult;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.Pooler;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PgBouncer (transaction mode) is stopped in the middle of a load of routed writes, each audited,
 * and started again on the same port. While it is down callers get typed
 * {@link UnavailableException}s only; afterwards work succeeds again, and every audit event
 * accepted before, during and after the outage is stored exactly once, in an intact chain.
 */
class PoolerPgBouncerRestartIT {
  private static final List<String> MODELS = PoolerAcceptanceSuite.MODELS;

  @TempDir Path spill;

  @Test
  void restartGivesTypedErrorsWhileDownRecoversAndLosesNoAuditEvent() throws Exception {
    PoolerTarget target = PoolerTarget.PGBOUNCER_TRANSACTION;
    target.assumeInstalled();
    PostgresServer upstream = CitadelTestKit.postgres();
    try (TestDatabase testDb = upstream.createDatabase();
        Pooler bouncer = target.start(upstream, Map.of())) {
      CitadelConfig config = TestConfigs.citadel(target.route(testDb, bouncer), b -> b
              .connectTimeout(Duration.ofSeconds(1))
              .pool(PoolConfig.builder().minConnections(0).maxConnections(16)
                  .waitTimeout(Duration.ofSeconds(1)).build()))
          .toBuilder()
          .resilience(ResilienceConfig.builder().maxAttempts(2).initialDelay(Duration.ofMillis(20))
              .maxDelay(Duration.ofMillis(100)).failureThreshold(3).breakerDelay(Duration.ofMillis(500))
              .successThreshold(1).build())
          .build();
      String chain = "pgbouncer-restart";
      Set<String> recorded = ConcurrentHashMap.newKeySet();
      AtomicLong successes = new AtomicLong();
      AtomicLong typedFailures = new AtomicLong();
      Queue<Throwable> untyped = new ConcurrentLinkedQueue<>();
      try (Database db = Database.create(config)) {
        db.migrate();
        try (AuditLog audit = AuditLog.create(db, AuditConfig.builder().chainId(chain).spillDirectory(spill)
            .flushInterval(Duration.ofMillis(50)).build())) {
          AtomicBoolean running = new AtomicBoolean(true);
          ExecutorService workers = Executors.newFixedThreadPool(8);
          List<Future<?>> loops = new ArrayList<>();
          for (int w = 0; w < 8; w++) {
            int worker = w;
            loops.add(workers.submit(() -> {
              for (int n = 0; running.get(); n++) {
                String model = MODELS.get((worker + n) % MODELS.size());
                String requestId = worker + "/" + n;
                AuditOutcome outcome;
                try {
                  db.forModel(model).update("INSERT INTO usage_statistics (request_id, model) VALUES (?, ?)",
                      requestId, model);
                  successes.incrementAndGet();
                  outcome = AuditOutcome.SUCCESS;
                } catch (UnavailableException e) {
                  typedFailures.incrementAndGet();
                  outcome = AuditOutcome.FAILURE;
                } catch (Throwable e) {
                  untyped.add(e);
                  outcome = AuditOutcome.FAILURE;
                }
                audit.record(AuditEvent.builder().service("worker-" + worker).action("usage.insert")
                    .model(model).outcome(outcome).requestId(requestId).build());
                recorded.add(requestId);
              }
            }));
          }

          await().atMost(Duration.ofSeconds(30)).until(() -> successes.get() >= 300);
          bouncer.stop();
          long failuresBefore = typedFailures.get();
          await().atMost(Duration.ofSeconds(30)).until(() -> typedFailures.get() >= failuresBefore + 20);
          await().atMost(Duration.ofSeconds(30)).until(() -> db.breakerState(Endpoint.POOLED) == BreakerState.OPEN);
          long successesWhileDown = successes.get();
          bouncer.start();
          await().atMost(Duration.ofSeconds(60)).until(() -> successes.get() >= successesWhileDown + 300);

          running.set(false);
          for (Future<?> loop : loops) {
            loop.get(60, TimeUnit.SECONDS);
          }
          workers.shutdown();
          audit.flush(Duration.ofSeconds(60));
          // Events recorded while PgBouncer was down went to the spill file: wait until it is replayed.
          await().atMost(Duration.ofSeconds(90)).until(() -> audit.stats().pendingInSpill() == 0
              && audit.stats().pendingInMemory() == 0);
          assertThat(audit.stats().rejected()).isZero();
          assertThat(audit.stats().accepted()).isEqualTo(recorded.size());
        }

        assertThat(untyped).extracting(Throwable::toString).as("only typed errors").isEmpty();
        assertThat(db.breakerState(Endpoint.POOLED)).isEqualTo(BreakerState.CLOSED);
        List<String> stored = db.direct().query("SELECT request_id FROM audit.logs WHERE chain_id = ?",
            column(String.class), chain);
        assertThat(stored).as("every recorded event, once").hasSize(recorded.size());
        assertThat(new HashSet<>(stored)).isEqualTo(recorded);
        VerificationResult verified = AuditVerifier.create(db)
            .verify(chain, Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60));
        assertThat(verified.intact()).as("%s", verified.violation()).isTrue();
        for (String model : MODELS) {
          assertThat(db.direct().queryOne("SELECT count(*) FROM " + model + ".usage_statistics WHERE model <> ?",
              column(Long.class), model)).isZero();
        }
      }
    }
  }
}
