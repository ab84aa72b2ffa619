package dev.citadel.benchmarks.poolers;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.PgBouncer;
import dev.citadel.client.testkit.Pgpool;
import dev.citadel.client.testkit.Pooler;
import dev.citadel.client.testkit.PostgresServer;
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

/**
 * Point-query throughput of the SDK with its pooled endpoint on PostgreSQL itself, through
 * PgBouncer (transaction mode, pool 20, {@code transaction_pooler: true}) and through Pgpool-II
 * (connection cache, threads + 4 children), in the same run against the same database, printed
 * with ratios to direct. Rounds
 * alternate the targets so that drift of a shared machine spreads over all of them.
 *
 * <p>Needs the {@code pgbouncer} and {@code pgpool2} packages; a missing one is reported and left
 * out. Run: {@code java -cp benchmarks/target/citadel-benchmarks.jar
 * dev.citadel.benchmarks.poolers.PoolerThroughput [threads] [seconds per round] [rounds]}
 * (defaults 16, 10 and 3).
 */
public final class PoolerThroughput {
  private static final int ROWS = 10_000;
  private static final int WARM_UP_SECONDS = 3;

  private PoolerThroughput() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    PostgresServer server = CitadelTestKit.postgres();
    List<AutoCloseable> resources = new ArrayList<>();
    Map<String, Database> targets = new LinkedHashMap<>();
    try (TestDatabase testDb = server.createDatabase()) {
      Database direct = client(testDb, null, false, threads);
      resources.add(direct);
      direct.update("CREATE TABLE bench_items (id int PRIMARY KEY, payload text NOT NULL)");
      direct.update("INSERT INTO bench_items SELECT g, md5(g::text) FROM generate_series(1, ?) g", ROWS);
      direct.update("ANALYZE bench_items");
      targets.put("direct", direct);
      if (PgBouncer.installed()) {
        Pooler bouncer = PgBouncer.builder(server).poolMode(PgBouncer.PoolMode.TRANSACTION).defaultPoolSize(20).start();
        resources.add(0, bouncer);
        Database db = client(testDb, bouncer, true, threads);
        resources.add(0, db);
        targets.put("pgbouncer " + bouncer.version() + " (transaction, pool 20)", db);
      } else {
        System.out.println("pgbouncer is not installed (apt-get install pgbouncer): left out");
      }
      if (Pgpool.installed()) {
        Pooler pgpool = Pgpool.builder(server).numInitChildren(threads + 4).start();
        resources.add(0, pgpool);
        Database db = client(testDb, pgpool, false, threads);
        resources.add(0, db);
        targets.put("pgpool-II " + pgpool.version().replaceAll(" .*", "") + " (" + (threads + 4) + " children)", db);
      } else {
        System.out.println("pgpool is not installed (apt-get install pgpool2): left out");
      }

      Map<String, long[]> totals = new LinkedHashMap<>();
      for (Map.Entry<String, Database> target : targets.entrySet()) {
        measure(target.getValue(), threads, WARM_UP_SECONDS);
        totals.put(target.getKey(), new long[1]);
      }
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, Database> target : targets.entrySet()) {
          totals.get(target.getKey())[0] += measure(target.getValue(), threads, seconds);
        }
      }
      double measured = (double) rounds * seconds;
      double base = totals.get("direct")[0] / measured;
      System.out.printf("%nPoint query (SELECT payload FROM bench_items WHERE id = ?), %d threads, pool %d, "
          + "%d rounds x %d s per target, PostgreSQL %s%n", threads, threads, rounds, seconds, server.version());
      for (Map.Entry<String, long[]> total : totals.entrySet()) {
        double perSecond = total.getValue()[0] / measured;
        System.out.printf("  %-44s %,10.0f queries/s   %5.2fx direct%n", total.getKey(), perSecond, perSecond / base);
      }
    } finally {
      for (AutoCloseable resource : resources) {
        resource.close();
      }
    }
  }

  /** A client of {@code testDb}, through {@code pooler} when not null (the direct endpoint always PostgreSQL). */
  private static Database client(TestDatabase testDb, Pooler pooler, boolean transactionPooler, int poolSize) {
    return Database.create(CitadelConfig.fromValues(TestConfig.of(pooler == null ? testDb : pooler.database(testDb))
        .with("client.name", "poolers")
        .with("database.transaction_pooler", transactionPooler)
        .with("database.pool.min_connections", poolSize)
        .with("database.pool.max_connections", poolSize)
        .values()));
  }

  /** Queries from {@code threads} threads for {@code seconds}; returns how many completed. */
  private static long measure(Database db, int threads, int seconds) throws Exception {
    LongAdder done = new LongAdder();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> loops = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      loops.add(pool.submit(() -> {
        go.await();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline[0]) {
          db.queryOne("SELECT payload FROM bench_items WHERE id = ?", RowMapper.column(String.class),
              random.nextInt(1, ROWS + 1));
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
