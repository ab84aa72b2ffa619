package dev.citadel.benchmarks.cache;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ratelimit.RateLimit;
import dev.citadel.client.cache.response.ResponseCache;
import dev.citadel.client.cache.session.SessionStore;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestConfig;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache module against raw Lettuce in the same run, on the same server and connections of the
 * same kind: session get (store: one GETEX; index upkeep about twice per lifetime) against a raw {@code GET}
 * and a raw {@code GETEX} of the same key, and API cache get (store: GET) against a raw
 * {@code GET}; then the p99 of a session lookup with 32 concurrent callers (seed 004's target:
 * under 1 ms) and rate-limiter decisions per second.
 *
 * <p>Raw and store run in alternating 250 ms slices so that both see the same machine state; the
 * ratio is the median of the per-pair ratios. Redis comes from the test kit
 * ({@code CITADEL_TEST_REDIS_HOST} for a server of your own). Arguments: seconds per round
 * (default 2) and rounds (default 5); each comparison runs their product on each side.
 */
public final class CacheBenchmark {
  private static final int THROUGHPUT_THREADS = 8;
  private static final int LATENCY_THREADS = 32;
  private static final Duration SLICE = Duration.ofMillis(250);

  private CacheBenchmark() {}

  /** Runs the benchmark and prints the figures. */
  public static void main(String[] args) throws Exception {
    Duration round = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 2);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    RedisServer server = CitadelTestKit.redis();
    CitadelConfig config = CitadelConfig.fromValues(TestConfig.of(server).with("client.name", "bench").values());
    RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    try (CitadelCache cache = CitadelCache.create(config)) {
      RedisURI uri = RedisURI.create(server.uri());
      uri.setDatabase(cache.database(Slot.SESSIONS));
      RedisClient sessionClient = RedisClient.create(uri);
      RedisURI cacheUri = RedisURI.create(server.uri());
      cacheUri.setDatabase(cache.database(Slot.API_CACHE));
      RedisClient cacheClient = RedisClient.create(cacheUri);
      try (StatefulRedisConnection<String, byte[]> rawSessions = sessionClient.connect(codec);
          StatefulRedisConnection<String, byte[]> rawCache = cacheClient.connect(codec)) {
        SessionStore<String> sessions = cache.sessions();
        String sid = sessions.create("bench-user", "{\"theme\":\"dark\",\"roles\":[\"user\"]}").sessionId();
        String sessionKey = "session:user:bench-user:" + sid;
        ResponseCache<String> api = cache.apiCache();
        api.put("v1-models", "GET /v1/models", "{\"models\":[\"mixtral\",\"hermes\",\"phi3\"]}");
        String cacheKey = "cache:api:v1-models:" + ResponseCache.hash("GET /v1/models");
        RedisCommands<String, byte[]> s = rawSessions.sync();
        RedisCommands<String, byte[]> c = rawCache.sync();
        check(s.get(sessionKey) != null && c.get(cacheKey) != null, "benchmark keys are missing");

        System.out.printf(Locale.ROOT, "Redis %s (%s), %d threads, %d s per side per comparison, %d cores%n",
            cache.health().check("redis.ping").orElseThrow().attributes().get("version"), server.source(),
            THROUGHPUT_THREADS, rounds * round.toSeconds(), Runtime.getRuntime().availableProcessors());
        compare("session get vs raw GET  ", () -> s.get(sessionKey), () -> sessions.get("bench-user", sid),
            round, rounds);
        // GETEX is what a raw client must send to keep the session's lifetime sliding.
        GetExArgs slide = GetExArgs.Builder.px(sessions.ttl().toMillis());
        compare("session get vs raw GETEX", () -> s.getex(sessionKey, slide), () -> sessions.get("bench-user", sid),
            round, rounds);
        compare("cache get vs raw GET    ", () -> c.get(cacheKey), () -> api.get("v1-models", "GET /v1/models"),
            round, rounds);

        long[] latencies = latencies(() -> sessions.get("bench-user", sid), round.multipliedBy(2));
        long[] rawLatencies = latencies(() -> s.get(sessionKey), round.multipliedBy(2));
        System.out.printf(Locale.ROOT, "session get latency at %d callers: store p50 %.3f ms, p99 %.3f ms,"
                + " p99.9 %.3f ms (%d samples) | raw GET p50 %.3f ms, p99 %.3f ms%n",
            LATENCY_THREADS, pct(latencies, 50), pct(latencies, 99), pct(latencies, 99.9), latencies.length,
            pct(rawLatencies, 50), pct(rawLatencies, 99));

        RateLimit limit = RateLimit.of(1_000_000, Duration.ofSeconds(1));
        double oneKey = throughput(() -> cache.rateLimiter().tryAcquire("bench", "one", limit), round);
        double manyKeys = throughput(() -> cache.rateLimiter().tryAcquire("bench",
            "k" + (Thread.currentThread().getId() % 64), RateLimit.of(100, Duration.ofSeconds(1))), round);
        System.out.printf(Locale.ROOT, "rate limiter: %.0f decisions/s on one hot key (window log up to %d"
            + " entries), %.0f decisions/s over 64 keys of 100/s%n", oneKey, limit.limit(), manyKeys);
      } finally {
        sessionClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        cacheClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    }
    // The test kit's shutdown hook stops the Redis it started.
    System.exit(0);
  }

  private static void compare(String name, Runnable raw, Runnable store, Duration round, int rounds)
      throws Exception {
    throughput(raw, Duration.ofSeconds(1));
    throughput(store, Duration.ofSeconds(1));
    // Short alternating slices, so that load from outside the benchmark hits both sides alike.
    int pairs = (int) Math.max(1, rounds * round.toMillis() / SLICE.toMillis());
    double[] ratios = new double[pairs];
    double rawSum = 0;
    double storeSum = 0;
    for (int i = 0; i < pairs; i++) {
      boolean rawFirst = i % 2 == 0;
      double first = throughput(rawFirst ? raw : store, SLICE);
      double second = throughput(rawFirst ? store : raw, SLICE);
      double r = rawFirst ? first : second;
      double st = rawFirst ? second : first;
      rawSum += r;
      storeSum += st;
      ratios[i] = st / r;
    }
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "%s: raw %.0f ops/s, store %.0f ops/s, store/raw %.3fx (median of %d"
        + " slice pairs; quartiles %.3f .. %.3f)%n", name, rawSum / pairs, storeSum / pairs, ratios[pairs / 2],
        pairs, ratios[pairs / 4], ratios[3 * pairs / 4]);
  }

  private static double throughput(Runnable op, Duration duration) throws Exception {
    LongAdder ops = new LongAdder();
    ExecutorService pool = Executors.newFixedThreadPool(THROUGHPUT_THREADS);
    CountDownLatch start = new CountDownLatch(1);
    long[] window = new long[2];
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < THROUGHPUT_THREADS; t++) {
        running.add(pool.submit(() -> {
          start.await();
          long end = window[1];
          while (System.nanoTime() < end) {
            op.run();
            ops.increment();
          }
          return null;
        }));
      }
      window[0] = System.nanoTime();
      window[1] = window[0] + duration.toNanos();
      start.countDown();
      for (Future<?> f : running) {
        f.get();
      }
      return ops.sum() / ((System.nanoTime() - window[0]) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] latencies(Runnable op, Duration duration) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(LATENCY_THREADS);
    CountDownLatch start = new CountDownLatch(1);
    long end = System.nanoTime() + Duration.ofSeconds(1).toNanos() + duration.toNanos();
    long measureFrom = end - duration.toNanos();
    try {
      List<Future<long[]>> running = new ArrayList<>();
      for (int t = 0; t < LATENCY_THREADS; t++) {
        running.add(pool.submit(() -> {
          start.await();
          long[] samples = new long[1 << 16];
          int n = 0;
          long now;
          while ((now = System.nanoTime()) < end) {
            op.run();
            long took = System.nanoTime() - now;
            if (now >= measureFrom) {
              if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
              }
              samples[n++] = took;
            }
          }
          return Arrays.copyOf(samples, n);
        }));
      }
      start.countDown();
      List<long[]> parts = new ArrayList<>();
      int total = 0;
      for (Future<long[]> f : running) {
        long[] part = f.get();
        parts.add(part);
        total += part.length;
      }
      long[] all = new long[total];
      int at = 0;
      for (long[] part : parts) {
        System.arraycopy(part, 0, all, at, part.length);
        at += part.length;
      }
      Arrays.sort(all);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double pct(long[] sorted, double percentile) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
