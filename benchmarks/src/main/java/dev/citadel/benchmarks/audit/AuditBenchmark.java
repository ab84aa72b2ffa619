package dev.citadel.benchmarks.audit;

import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.audit.internal.CopyRows;
import dev.citadel.client.audit.internal.Uuids;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Sustained throughput of the audit writer against raw COPY of rows of the same shape into the
 * same table, in the same run, plus {@code record()} latency on the caller threads. Not a test.
 *
 * <ul>
 *   <li><b>writer</b>: {@code producers} threads call {@link AuditLog#record} as fast as they can
 *       for {@code events} events; the clock stops when {@link AuditLog#flush()} returns (every
 *       event committed). Includes the writer's encoding, hashing, chain head update and COPY.
 *   <li><b>raw COPY</b>: one connection COPYs the same number of rows, in batches of the same
 *       size, one transaction per batch, from COPY text rendered before the clock starts (ids,
 *       times and 32-byte hashes included): the server-side ceiling for these rows.
 *   <li><b>paced</b>: {@code record()} latency when the offered load is {@code pacedRate}
 *       events/s, below saturation (at saturation {@code record()} waits for buffer room by
 *       design, and its latency measures the writer, not the call).
 * </ul>
 *
 * <p>Every measured run starts from an empty {@code audit.logs} (TRUNCATE), so the writer and raw
 * COPY insert under the same conditions; with {@code --growing} the table keeps every run's rows
 * instead (1.4 million by the end of the default run), which shows how ingest slows as its indexes
 * outgrow shared buffers, and which favours whichever side runs first in a round (the writer).
 *
 * <p>Run: {@code java -cp benchmarks/target/citadel-benchmarks.jar
 * dev.citadel.benchmarks.audit.AuditBenchmark [events] [producers] [batchSize] [pacedRate]
 * [--growing]} (defaults 200000, 4, 500, 20000). The server is the test kit's (embedded
 * PostgreSQL 17 unless {@code CITADEL_TEST_POSTGRES_HOST} says otherwise).
 */
public final class AuditBenchmark {
  private static final int ROUNDS = 3;

  private AuditBenchmark() {}

  public static void main(String[] commandLine) throws Exception {
    boolean growing = Arrays.asList(commandLine).contains("--growing");
    String[] args = Arrays.stream(commandLine).filter(a -> !a.startsWith("--")).toArray(String[]::new);
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int pacedRate = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
    Path spill = Files.createTempDirectory("citadel-audit-bench");
    try (TestDatabase testDb = CitadelTestKit.postgres().createDatabase();
        Database db = Database.create(config(testDb))) {
      db.migrate();
      AuditConfig audit = AuditConfig.builder().batchSize(batch).spillDirectory(spill).build();

      System.out.printf("audit benchmark: %,d events per run, %d producer threads, batches of %d, %d cores, %s%n",
          events, producers, batch, Runtime.getRuntime().availableProcessors(),
          growing ? "table growing across runs" : "every run into an empty table");
      Runnable reset = () -> {
        if (!growing) {
          db.update("TRUNCATE audit.logs");
        }
      };
      writer(db, audit, "warmup-w", events / 4, producers);
      raw(testDb, "warmup-r", events / 4, batch);
      reset.run();

      double bestWriter = 0;
      double bestRaw = 0;
      long[] latencies = null;
      for (int round = 1; round <= ROUNDS; round++) {
        WriterRun w = writer(db, audit, "writer-" + round, events, producers);
        reset.run();
        double r = raw(testDb, "raw-" + round, events, batch);
        reset.run();
        System.out.printf("round %d: writer %,9.0f events/s   raw COPY %,9.0f rows/s   ratio %.2f   record() p50 %s p99 %s (saturated)%n",
            round, w.perSecond, r, w.perSecond / r, micros(w.latencies, 0.50), micros(w.latencies, 0.99));
        if (w.perSecond > bestWriter) {
          bestWriter = w.perSecond;
          latencies = w.latencies;
        }
        bestRaw = Math.max(bestRaw, r);
      }
      long[] paced = paced(db, audit, pacedRate, producers, 5);
      System.out.println();
      System.out.printf("writer   (best of %d): %,9.0f events/s%n", ROUNDS, bestWriter);
      System.out.printf("raw COPY (best of %d): %,9.0f rows/s%n", ROUNDS, bestRaw);
      System.out.printf("ratio writer / raw COPY: %.2f%n", bestWriter / bestRaw);
      System.out.printf("record() at saturation: p50 %s  p99 %s  p99.9 %s  max %s%n", micros(latencies, 0.50),
          micros(latencies, 0.99), micros(latencies, 0.999), micros(latencies, 1.0));
      System.out.printf("record() at %,d events/s offered: p50 %s  p99 %s  p99.9 %s  max %s%n", pacedRate,
          micros(paced, 0.50), micros(paced, 0.99), micros(paced, 0.999), micros(paced, 1.0));
    }
  }

  record WriterRun(double perSecond, long[] latencies) {}

  static WriterRun writer(Database db, AuditConfig base, String chain, int events, int producers)
      throws Exception {
    List<List<AuditEvent>> work = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      List<AuditEvent> mine = new ArrayList<>();
      for (int i = p; i < events; i += producers) {
        mine.add(event(i));
      }
      work.add(mine);
    }
    long[][] latencies = new long[producers][];
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    try (AuditLog log = AuditLog.create(db, base.toBuilder().chainId(chain).build())) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int me = p;
        done.add(pool.submit(() -> {
          List<AuditEvent> mine = work.get(me);
          long[] lat = new long[mine.size()];
          go.await();
          for (int i = 0; i < lat.length; i++) {
            long t0 = System.nanoTime();
            log.record(mine.get(i));
            lat[i] = System.nanoTime() - t0;
          }
          latencies[me] = lat;
          return null;
        }));
      }
      long start = System.nanoTime();
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      log.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (log.stats().written() != events) {
        throw new IllegalStateException("wrote " + log.stats().written() + " of " + events);
      }
      return new WriterRun(events / seconds, merge(latencies));
    } finally {
      pool.shutdown();
    }
  }

  private static double raw(TestDatabase testDb, String chain, int events, int batch) throws Exception {
    List<byte[]> batches = new ArrayList<>();
    CopyRows rows = new CopyRows();
    byte[] hash = new byte[32];
    for (int i = 0; i < events; i++) {
      AuditEvent e = event(i);
      Instant now = Instant.now();
      ThreadLocalRandom.current().nextBytes(hash);
      rows.add(e.toBuilder().id(Uuids.v7(now.toEpochMilli())).time(now).build(), chain, i + 1, hash, hash);
      if (rows.rows() == batch || i == events - 1) {
        batches.add(rows.toBytes());
        rows.reset();
      }
    }
    try (Connection c = DriverManager.getConnection(testDb.jdbcUrl(), testDb.username(), testDb.password())) {
      c.setAutoCommit(false);
      PGConnection pg = c.unwrap(PGConnection.class);
      long start = System.nanoTime();
      for (byte[] data : batches) {
        CopyIn in = pg.getCopyAPI().copyIn(CopyRows.COPY_SQL);
        in.writeToCopy(data, 0, data.length);
        in.endCopy();
        c.commit();
      }
      return events / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** record() latencies with {@code producers} threads offering {@code rate} events/s in all. */
  private static long[] paced(Database db, AuditConfig base, int rate, int producers, int seconds) throws Exception {
    int perThread = rate / producers * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) * producers / rate;
    long[][] latencies = new long[producers][];
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    try (AuditLog log = AuditLog.create(db, base.toBuilder().chainId("paced").build())) {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int me = p;
        done.add(pool.submit(() -> {
          long[] lat = new long[perThread];
          long next = System.nanoTime();
          for (int i = 0; i < perThread; i++) {
            AuditEvent e = event(i);
            long wait = next - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            long t0 = System.nanoTime();
            log.record(e);
            lat[i] = System.nanoTime() - t0;
            next += interval;
          }
          latencies[me] = lat;
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      log.flush();
    } finally {
      pool.shutdown();
    }
    return merge(latencies);
  }

  private static AuditEvent event(int i) {
    return AuditEvent.builder().user("user-" + (i % 1000)).action("model.infer").model("mixtral")
        .resource("session-" + (i % 5000)).outcome(AuditOutcome.SUCCESS).requestId("req-" + i)
        .clientAddress("10.20." + (i % 250) + "." + (i % 200))
        .details("{\"prompt_tokens\": " + (i % 4096) + ", \"completion_tokens\": 256, \"latency_ms\": 41.5}")
        .build();
  }

  private static long[] merge(long[][] parts) {
    int n = 0;
    for (long[] p : parts) {
      n += p.length;
    }
    long[] all = new long[n];
    int at = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    Arrays.sort(all);
    return all;
  }

  private static String micros(long[] sorted, double q) {
    long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    return String.format("%.1f µs", v / 1000.0);
  }

  static CitadelConfig config(TestDatabase testDb) {
    return CitadelConfig.fromValues(TestConfig.of(testDb).with("client.name", "bench")
        .with("database.pool.min_connections", 2).with("database.pool.max_connections", 4).values());
  }
}
