package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed 001: "100 concurrent connections" served by a pool of 20 without starving anyone. */
@ExtendWith(CitadelTestKitExtension.class)
class PoolConcurrencyIT {

  @Test
  void hundredCallersShareTwentyConnectionsAndAllFinishInTime(TestDatabase testDb) throws Exception {
    Duration timeout = Duration.ofSeconds(10);
    int callers = 100;
    int callsEach = 5;
    try (Database db = Database.create(TestConfigs.citadel(testDb, b -> b.pool(PoolConfig.builder()
        .minConnections(5).maxConnections(20).waitTimeout(timeout).build())))) {
      AtomicInteger maxOpen = new AtomicInteger();
      AtomicInteger maxWaiting = new AtomicInteger();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(() -> {
        PoolStats s = db.poolStats(Endpoint.POOLED);
        maxOpen.accumulateAndGet(s.total(), Math::max);
        maxWaiting.accumulateAndGet(s.waiting(), Math::max);
      }, 0, 5, TimeUnit.MILLISECONDS);

      ExecutorService pool = Executors.newFixedThreadPool(callers);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> slowest = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        int caller = i;
        slowest.add(pool.submit(() -> {
          start.await();
          long worst = 0;
          for (int n = 0; n < callsEach; n++) {
            long t0 = System.nanoTime();
            int got = db.queryOne("SELECT ? FROM pg_sleep(0.02)", RowMapper.column(Integer.class), caller);
            worst = Math.max(worst, System.nanoTime() - t0);
            assertThat(got).isEqualTo(caller);
          }
          return worst;
        }));
      }
      start.countDown();
      long worstNanos = 0;
      for (Future<Long> f : slowest) {
        worstNanos = Math.max(worstNanos, f.get(120, TimeUnit.SECONDS));
      }
      pool.shutdown();
      sampler.shutdownNow();

      assertThat(Duration.ofNanos(worstNanos)).as("no caller waited past the pool timeout").isLessThan(timeout);
      assertThat(maxOpen.get()).as("pool never exceeded its maximum").isBetween(1, 20);
      assertThat(maxWaiting.get()).as("callers did queue for connections").isPositive();
      long serverSide = db.direct().queryOne(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?",
          RowMapper.column(Long.class), db.config().applicationName());
      assertThat(serverSide).isLessThanOrEqualTo(20 + db.config().directPool().maxConnections());
    }
  }
}
