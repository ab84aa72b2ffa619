package dev.citadel.benchmarks.replicas;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.testkit.ReplicatedPostgres;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Point-query read throughput on a primary with one streaming replica (the test kit's embedded
 * servers), in the same run: every thread on the primary (the pooled endpoint, as without
 * replicas), every thread on the read endpoint ({@code db.reads()}: the replica), and half the
 * threads on each (what primary + 1 replica can serve together). Rounds alternate the targets so
 * drift of a shared machine spreads over all of them. On one machine the servers share its cores:
 * a replica adds capacity only where it has hardware of its own, so expect about 1x here.
 *
 * <p>Run: {@code java -cp benchmarks/target/citadel-benchmarks.jar
 * dev.citadel.benchmarks.replicas.ReadScaling [threads] [seconds per round] [rounds]} (defaults 16, 10, 3).
 */
public final class ReadScaling {
  private static final int ROWS = 10_000;
  private static final int WARM_UP_SECONDS = 3;
  private static final String QUERY = "SELECT payload FROM bench_items WHERE id = ?";

  private ReadScaling() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    try (ReplicatedPostgres pg = ReplicatedPostgres.start(1)) {
      TestDatabase testDb = pg.createDatabase();
      try (Database db = Database.create(CitadelConfig.fromValues(TestConfig.of(pg.database(testDb))
          .with("client.name", "read-scaling")
          .with("database.pool.min_connections", threads)
          .with("database.pool.max_connections", threads)
          .values()))) {
        db.update("CREATE TABLE bench_items (id int PRIMARY KEY, payload text NOT NULL)");
        db.update("INSERT INTO bench_items SELECT g, md5(g::text) FROM generate_series(1, ?) g", ROWS);
        db.update("ANALYZE bench_items");
        pg.awaitReplicasCaughtUp();

        Map<String, IntFunction<SqlClient>> targets = new LinkedHashMap<>();
        targets.put("primary alone (pooled endpoint)", t -> db);
        targets.put("read endpoint (the replica)", t -> db.reads());
        targets.put("primary + replica (half the threads each)", t -> t % 2 == 0 ? db : db.reads());
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<SqlClient>> target : targets.entrySet()) {
          measure(target.getValue(), threads, WARM_UP_SECONDS);
          totals.put(target.getKey(), new long[1]);
        }
        for (int round = 0; round < rounds; round++) {
          for (Map.Entry<String, IntFunction<SqlClient>> target : targets.entrySet()) {
            totals.get(target.getKey())[0] += measure(target.getValue(), threads, seconds);
          }
        }
        double measured = (double) rounds * seconds;
        double base = totals.values().iterator().next()[0] / measured;
        System.out.printf("%nPoint query (%s), %d threads, pools of %d, %d rounds x %d s per target, %d cores%n",
            QUERY, threads, threads, rounds, seconds, Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, long[]> total : totals.entrySet()) {
          double perSecond = total.getValue()[0] / measured;
          System.out.printf("  %-44s %,10.0f queries/s   %5.2fx primary alone%n", total.getKey(), perSecond,
              perSecond / base);
        }
      }
    }
  }

  /** Queries from {@code threads} threads for {@code seconds}, thread t on {@code client(t)}; returns the count. */
  private static long measure(IntFunction<SqlClient> client, int threads, int seconds) throws Exception {
    LongAdder done = new LongAdder();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> loops = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      SqlClient mine = client.apply(t);
      loops.add(pool.submit(() -> {
        go.await();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline[0]) {
          mine.queryOne(QUERY, RowMapper.column(String.class), random.nextInt(1, ROWS + 1));
          done.increment();
        }
        return null;
      }));
    }
    deadline[0] = System.nanoTime() + seconds * 1_000_000_000L;
    go.countDown();
    for (Future<?> loop : loops) {
      loop.get();
    }
    pool.shutdown();
    return done.sum();
  }
}
