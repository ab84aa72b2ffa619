package dev.citadel.benchmarks.auth;

import dev.citadel.client.auth.ApiKeyCache;
import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.auth.IssuedKey;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Authentications per second and latency percentiles at N concurrent callers (seed 003: more
 * than 2,000/s with p95 under 25 ms), against the test kit's PostgreSQL, without a cache and with
 * the cache module's Redis cache. Each variant issues its own keys and is measured after a
 * warm-up, in the same JVM run.
 *
 * <p>Run: {@code java -cp benchmarks/target/citadel-benchmarks.jar
 * dev.citadel.benchmarks.auth.AuthBenchmark [threads] [seconds]} (defaults 32 and 10).
 */
public final class AuthBenchmark {
  private AuthBenchmark() {}

  /** One measured run. */
  public record Result(String name, long operations, double seconds, long p50Nanos, long p95Nanos, long p99Nanos) {
    double perSecond() {
      return operations / seconds;
    }

    @Override
    public String toString() {
      return String.format("%-22s %,10.0f auth/s   p50 %6.2f ms   p95 %6.2f ms   p99 %6.2f ms",
          name, perSecond(), p50Nanos / 1e6, p95Nanos / 1e6, p99Nanos / 1e6);
    }
  }

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    List<Result> results = new ArrayList<>();
    try (TestDatabase testDb = CitadelTestKit.postgres().createDatabase();
        Database db = Database.create(config(testDb, threads))) {
      db.migrate();
      results.add(measure("postgres only", db, ApiKeyCache.NONE, threads, seconds));
      RedisServer redis = CitadelTestKit.redis();
      try (CitadelCache cache = CitadelCache.create(CitadelConfig.fromValues(TestConfig.of(redis).values()))) {
        results.add(measure("redis cache", db, cache.apiKeyCache(), threads, seconds));
      }
    }
    print(results, threads);
  }

  /** Prints the table and the verdict against seed 003 for the first (uncached) result. */
  public static void print(List<Result> results, int threads) {
    System.out.printf("%nAPI key authentication, %d concurrent callers%n", threads);
    results.forEach(System.out::println);
    Result uncached = results.get(0);
    boolean pass = uncached.perSecond() > 2000 && uncached.p95Nanos() < 25_000_000L;
    System.out.printf("seed 003 target (> 2,000/s, p95 < 25 ms) without cache: %s%n", pass ? "PASS" : "MISS");
  }

  /** Issues 200 keys, warms up for 3 s, then measures {@code seconds} of authentications. */
  public static Result measure(String name, Database db, ApiKeyCache cache, int threads, int seconds)
      throws Exception {
    byte[] pepper = new byte[24];
    new SecureRandom().nextBytes(pepper);
    AuthConfig auth = AuthConfig.builder().keyPepper(HexFormat.of().formatHex(pepper))
        .usageFlushInterval(Duration.ofSeconds(5)).build();
    try (ApiKeys keys = ApiKeys.create(db, auth, cache)) {
      List<String> plaintexts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        IssuedKey key = keys.issue("bench-" + i, Set.of("chat"), Set.of(), null, null);
        plaintexts.add(key.plaintext());
      }
      run(keys, plaintexts, threads, 3, n -> null);
      return run(keys, plaintexts, threads, seconds, n -> name);
    }
  }

  private static Result run(ApiKeys keys, List<String> plaintexts, int threads, int seconds,
      Function<Integer, String> label) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<long[]>> futures = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        long[] samples = new long[1 << 16];
        int n = 0;
        start.await();
        while (System.nanoTime() < deadline[0]) {
          String key = plaintexts.get(ThreadLocalRandom.current().nextInt(plaintexts.size()));
          long t0 = System.nanoTime();
          keys.authenticate(key);
          long took = System.nanoTime() - t0;
          if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
          }
          samples[n++] = took;
        }
        return Arrays.copyOf(samples, n);
      }));
    }
    long begin = System.nanoTime();
    deadline[0] = begin + seconds * 1_000_000_000L;
    start.countDown();
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      all.add(f.get());
    }
    double elapsed = (System.nanoTime() - begin) / 1e9;
    pool.shutdown();
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(label.apply(threads), merged.length, elapsed, percentile(merged, 0.50),
        percentile(merged, 0.95), percentile(merged, 0.99));
  }

  private static long percentile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static CitadelConfig config(TestDatabase testDb, int threads) {
    int poolSize = Math.min(threads, 16);
    return CitadelConfig.fromValues(TestConfig.of(testDb).with("client.name", "auth_bench")
        .with("database.pool.min_connections", poolSize).with("database.pool.max_connections", poolSize).values());
  }
}
