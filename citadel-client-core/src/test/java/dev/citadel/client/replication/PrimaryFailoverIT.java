package dev.citadel.client.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.ReplicatedPostgres;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The primary is killed (SIGKILL) under writers and readers, then the replica is promoted, as an
 * operator would: writes fail fast and typed (the breaker opens), reads keep being served by the
 * replica, and writes come back on the promoted server without restarting the client. Prints the
 * outage windows callers saw (first failure to first success after it).
 */
class PrimaryFailoverIT {

  /** One call of a load thread: when it ended, whether it worked, what it threw. */
  record Outcome(boolean write, long startNanos, long atNanos, Long id, Throwable failure) {}

  @Test
  void writesFailFastReadsContinueAndWritesRecoverOnThePromotedReplica() throws Exception {
    try (ReplicatedPostgres pg = ReplicatedPostgres.start(1)) {
      DedicatedPostgres primary = pg.primary();
      DedicatedPostgres replica = pg.replicas().get(0);
      TestDatabase testDb = pg.createDatabase();
      CitadelConfig config = CitadelConfig.fromValues(CitadelTestKit.config(pg.database(testDb))
          .with("database.connect_timeout", "1s")
          .with("database.statement_timeout", "5s")
          .with("database.pool.wait_timeout", "1s")
          .with("resilience.retry.max_attempts", 2)
          .with("resilience.circuit_breaker.failure_threshold", 3)
          .with("resilience.circuit_breaker.delay", "2s")
          .with("resilience.circuit_breaker.success_threshold", 1)
          .values());
      try (Database db = Database.create(config)) {
        db.update("CREATE TABLE events (id bigserial PRIMARY KEY, worker int NOT NULL)");
        pg.awaitReplicasCaughtUp();

        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long openedAt;
        long promotedAt;
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          boolean writer = t < 2;
          int worker = t;
          loops.add(load.submit(() -> {
            while (running.get()) {
              long start = System.nanoTime();
              try {
                Long id = writer
                    ? db.queryOne("INSERT INTO events (worker) VALUES (?) RETURNING id", RowMapper.column(Long.class), worker)
                    : db.reads().queryOne("SELECT count(*) FROM events", RowMapper.column(Long.class));
                outcomes.add(new Outcome(writer, start, System.nanoTime(), writer ? id : null, null));
              } catch (RuntimeException e) {
                outcomes.add(new Outcome(writer, start, System.nanoTime(), null, e));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // pacing, not synchronisation
              }
            }
          }));
        }
        try {
          await().atMost(Duration.ofSeconds(30)).until(() -> count(outcomes, true, true, 0) >= 50
              && count(outcomes, false, true, 0) >= 50);

          long killedAt = System.nanoTime();
          pg.kill(primary);

          await().atMost(Duration.ofSeconds(30)).until(() -> db.breakerState(Endpoint.POOLED) == BreakerState.OPEN);
          openedAt = System.nanoTime();
          assertThatThrownBy(() -> db.update("INSERT INTO events (worker) VALUES (9)"))
              .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.breakerOpen()).isTrue());

          long readsBefore = count(outcomes, false, true, killedAt);
          await().atMost(Duration.ofSeconds(10)).until(() -> count(outcomes, false, true, killedAt) >= readsBefore + 50);

          promotedAt = System.nanoTime();
          pg.promote(replica);
          await().atMost(Duration.ofSeconds(30)).until(() -> count(outcomes, true, true, promotedAt) >= 20);
        } finally {
          running.set(false);
          for (Future<?> loop : loops) {
            loop.get(30, TimeUnit.SECONDS);
          }
          load.shutdown();
        }

        List<Throwable> untyped = outcomes.stream().map(Outcome::failure)
            .filter(f -> f != null && !(f instanceof UnavailableException)).toList();
        assertThat(untyped).as("every failure is an UnavailableException").isEmpty();

        long promotedFrom = openedAt;
        List<Outcome> failedWhileOpen = outcomes.stream()
            .filter(o -> o.write() && o.failure() != null && o.startNanos() >= promotedFrom).toList();
        long fast = failedWhileOpen.stream()
            .filter(o -> o.atNanos() - o.startNanos() < TimeUnit.MILLISECONDS.toNanos(100)).count();
        System.out.printf("primary failover: %d of %d writes failing after the breaker opened failed within 100 ms%n",
            fast, failedWhileOpen.size());
        assertThat(fast).as("writes fail fast once the breaker is open").isGreaterThanOrEqualTo(
            (long) Math.ceil(0.8 * failedWhileOpen.size()));

        long promoted = promotedAt;
        long recovered = outcomes.stream().filter(o -> o.write() && o.failure() == null && o.atNanos() >= promoted)
            .mapToLong(Outcome::atNanos).min().orElseThrow();
        System.out.printf("primary failover: first write success %d ms after pg_ctl promote returned%n",
            TimeUnit.NANOSECONDS.toMillis(recovered - promoted));

        Window writes = window(outcomes, true);
        Window reads = window(outcomes, false);
        System.out.printf("primary failover: writes failed for %d ms (%d failures, first failure to first success,"
                + " including the time until the test promoted the replica); reads: %d failures, longest gap"
                + " between successes %d ms%n",
            writes.outageMillis, writes.failures, reads.failures, reads.longestGapMillis);
        assertThat(writes.failures).isPositive();
        assertThat(reads.longestGapMillis).as("reads kept being served by the replica").isLessThan(5_000);

        Set<Long> acknowledged = new HashSet<>();
        outcomes.stream().filter(o -> o.write() && o.id() != null).forEach(o -> acknowledged.add(o.id()));
        Set<Long> stored = new HashSet<>(db.query("SELECT id FROM events", RowMapper.column(Long.class)));
        long lost = acknowledged.stream().filter(id -> !stored.contains(id)).count();
        System.out.printf("primary failover: %d of %d acknowledged writes not on the promoted replica"
            + " (asynchronous replication: the last commits before the crash had not been streamed)%n",
            lost, acknowledged.size());

        HealthCheck replication = db.health().checks().stream()
            .filter(c -> c.name().equals("postgres.replication")).findFirst().orElseThrow();
        assertThat(replication.attributes()).as(replication.toString())
            .containsEntry("primary", "127.0.0.1:" + replica.port());
        assertThat(db.queryOne("SELECT pg_is_in_recovery()", RowMapper.column(Boolean.class))).isFalse();
      }
    }
  }

  private static long count(Queue<Outcome> outcomes, boolean write, boolean success, long sinceNanos) {
    return outcomes.stream()
        .filter(o -> o.write() == write && (o.failure() == null) == success && o.atNanos() >= sinceNanos).count();
  }

  /** What callers of one kind saw: the outage window and the longest gap between successes. */
  record Window(long outageMillis, long failures, long longestGapMillis) {}

  private static Window window(Queue<Outcome> outcomes, boolean write) {
    List<Outcome> mine = outcomes.stream().filter(o -> o.write() == write)
        .sorted((a, b) -> Long.compare(a.atNanos(), b.atNanos())).toList();
    long firstFailure = -1;
    long outage = 0;
    long failures = 0;
    long lastSuccess = -1;
    long longestGap = 0;
    for (Outcome o : mine) {
      if (o.failure() != null) {
        failures++;
        if (firstFailure < 0) {
          firstFailure = o.atNanos();
        }
      } else {
        if (firstFailure >= 0 && outage == 0) {
          outage = o.atNanos() - firstFailure;
        }
        if (lastSuccess >= 0) {
          longestGap = Math.max(longestGap, o.atNanos() - lastSuccess);
        }
        lastSuccess = o.atNanos();
      }
    }
    return new Window(TimeUnit.NANOSECONDS.toMillis(outage), failures, TimeUnit.NANOSECONDS.toMillis(longestGap));
  }
}
