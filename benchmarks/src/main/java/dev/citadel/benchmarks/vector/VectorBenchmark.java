package dev.citadel.benchmarks.vector;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.qdrant.local.QdrantLocalServer;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The vector module's figures, in one JVM with the local Qdrant-compatible server:
 *
 * <ol>
 *   <li>batch upsert throughput, SDK ({@code CitadelVectors.upsert}: checks, batches of 256, 2 in
 *       flight, retry policy, deadline) against the raw official client doing the same batches
 *       with the same parallelism; rounds alternate raw and SDK on fresh collections and the
 *       ratio is the median of the per-round ratios (target: SDK >= 0.9x raw);</li>
 *   <li>top-10 search latency over 100,000 768-d Cosine points (seed 004's documents shape),
 *       sequential queries through the SDK: p50, p95, p99, max (target: p99 under 100 ms).</li>
 * </ol>
 *
 * <p>Arguments: points per upsert round (default 20000), rounds (default 6), search points
 * (default 100000), queries (default 500). Client and server share the machine's cores, as the
 * local server is embedded; a loaded machine shows in the spread, which is printed.
 */
public final class VectorBenchmark {
  private static final int DIM = 768;
  private static final int BATCH = 256;
  private static final int PARALLELISM = 2;

  private VectorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int upsertPoints = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int searchPoints = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int queries = args.length > 3 ? Integer.parseInt(args[3]) : 500;
    System.out.printf(Locale.ROOT, "vector benchmark: %d-d, upsert %d points x %d rounds, search over %d points,"
        + " %d queries, %d cores%n", DIM, upsertPoints, rounds, searchPoints, queries,
        Runtime.getRuntime().availableProcessors());

    try (QdrantLocalServer server = QdrantLocalServer.start(0);
        CitadelVectors sdk = CitadelVectors.create(CitadelConfig.fromValues(TestConfig.of(CitadelTestKit.qdrant(server))
            .with("client.name", "bench").with("qdrant.call_timeout", "60s")
            .with("qdrant.upsert.batch_size", BATCH).with("qdrant.upsert.parallelism", PARALLELISM).values()));
        QdrantClient raw = new QdrantClient(QdrantGrpcClient.newBuilder(server.host(), server.port(), false, false)
            .build())) {
      upsertComparison(sdk, raw, upsertPoints, rounds);
      searchLatency(sdk, searchPoints, queries);
    }
  }

  // ------------------------------------------------------------------ upsert

  private static void upsertComparison(CitadelVectors sdk, QdrantClient raw, int n, int rounds) throws Exception {
    float[][] vectors = randomVectors(n, 7);
    List<Double> ratios = new ArrayList<>();
    List<Double> rawRates = new ArrayList<>();
    List<Double> sdkRates = new ArrayList<>();
    for (int round = -1; round < rounds; round++) {
      boolean warmUp = round < 0;
      String rawName = "bench_raw_" + (round + 1);
      String sdkName = "bench_sdk_" + (round + 1);
      sdk.ensure(CollectionSpec.builder(rawName, DIM).build());
      sdk.ensure(CollectionSpec.builder(sdkName, DIM).build());
      // alternate which side goes first so neither always meets a warmer or colder machine
      boolean rawFirst = round % 2 == 0;
      double rawRate = 0;
      double sdkRate = 0;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == rawFirst) {
          rawRate = n / seconds(() -> rawUpsert(raw, rawName, vectors));
        } else {
          sdkRate = n / seconds(() -> sdkUpsert(sdk, sdkName, vectors));
        }
      }
      sdk.drop(rawName);
      sdk.drop(sdkName);
      if (!warmUp) {
        rawRates.add(rawRate);
        sdkRates.add(sdkRate);
        ratios.add(sdkRate / rawRate);
        System.out.printf(Locale.ROOT, "  round %d: raw %,.0f points/s, sdk %,.0f points/s, sdk/raw %.3f%n", round + 1,
            rawRate, sdkRate, sdkRate / rawRate);
      }
    }
    System.out.printf(Locale.ROOT, "upsert (%d x %d-d, batches of %d, %d in flight): raw median %,.0f points/s,"
        + " sdk median %,.0f points/s, sdk/raw median %.3f (min %.3f, max %.3f)%n", n, DIM, BATCH, PARALLELISM,
        median(rawRates), median(sdkRates), median(ratios), min(ratios), max(ratios));
  }

  private static void rawUpsert(QdrantClient raw, String collection, float[][] vectors) throws Exception {
    Semaphore inFlight = new Semaphore(PARALLELISM);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<com.google.common.util.concurrent.ListenableFuture<?>> calls = new ArrayList<>();
    for (int start = 0; start < vectors.length; start += BATCH) {
      List<PointStruct> batch = new ArrayList<>(BATCH);
      for (int i = start; i < Math.min(vectors.length, start + BATCH); i++) {
        batch.add(PointStruct.newBuilder().setId(PointIdFactory.id(i)).setVectors(VectorsFactory.vectors(vectors[i]))
            .putAllPayload(Map.of("chunk_index", ValueFactory.value(i), "file_type", ValueFactory.value("pdf")))
            .build());
      }
      inFlight.acquire();
      var call = raw.upsertAsync(UpsertPoints.newBuilder().setCollectionName(collection).setWait(true)
          .addAllPoints(batch).build(), Duration.ofSeconds(60));
      call.addListener(inFlight::release, Runnable::run);
      calls.add(call);
    }
    for (var call : calls) {
      try {
        call.get();
      } catch (java.util.concurrent.ExecutionException e) {
        failure.compareAndSet(null, e.getCause());
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("raw upsert failed", failure.get());
    }
  }

  private static void sdkUpsert(CitadelVectors sdk, String collection, float[][] vectors) {
    List<VectorPoint> points = new ArrayList<>(vectors.length);
    for (int i = 0; i < vectors.length; i++) {
      points.add(new VectorPoint(PointId.of(i), vectors[i], Map.of("chunk_index", i, "file_type", "pdf")));
    }
    sdk.upsert(collection, points);
  }

  // ------------------------------------------------------------------ search

  private static void searchLatency(CitadelVectors sdk, int n, int queries) {
    String name = "bench_documents";
    sdk.ensure(CollectionSpec.builder(name, DIM).distance(Distance.COSINE).build());
    SplittableRandom random = new SplittableRandom(11);
    long loadStart = System.nanoTime();
    for (int start = 0; start < n; start += 5_000) {
      List<VectorPoint> points = new ArrayList<>(5_000);
      for (int i = start; i < Math.min(n, start + 5_000); i++) {
        points.add(new VectorPoint(PointId.of(i), randomVector(random), Map.of("chunk_index", i)));
      }
      sdk.upsert(name, points);
    }
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    System.out.printf(Locale.ROOT, "loaded %,d x %d-d Cosine points in %.1f s (%,.0f points/s)%n", n, DIM, loadSeconds,
        n / loadSeconds);

    for (int i = 0; i < 20; i++) {
      sdk.search(name, SearchRequest.builder(randomVector(random)).limit(10).withPayload(false).build());
    }
    long[] nanos = new long[queries];
    long cpuStart = processCpuNanos();
    for (int q = 0; q < queries; q++) {
      float[] query = randomVector(random);
      long t = System.nanoTime();
      List<SearchHit> hits = sdk.search(name, SearchRequest.builder(query).limit(10).withPayload(false).build());
      nanos[q] = System.nanoTime() - t;
      if (hits.size() != 10) {
        throw new IllegalStateException("expected 10 hits, got " + hits.size());
      }
    }
    double cpuPerQuery = (processCpuNanos() - cpuStart) / 1e6 / queries;
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "search top-10 over %,d x %d-d Cosine (local server, exact, %d sequential queries):"
        + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", n, DIM, queries, pct(nanos, 50), pct(nanos, 95),
        pct(nanos, 99), nanos[nanos.length - 1] / 1e6);
    // CPU time of this process (client and embedded server) per query: what a query costs when
    // the cores are not shared with other work
    System.out.printf(Locale.ROOT, "  CPU per query (client + server): %.1f ms; load average now %.1f%n", cpuPerQuery,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    sdk.drop(name);
  }

  // ------------------------------------------------------------------ helpers

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  private static double seconds(Work work) throws Exception {
    long t = System.nanoTime();
    work.run();
    return (System.nanoTime() - t) / 1e9;
  }

  private static float[][] randomVectors(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = randomVector(random);
    }
    return out;
  }

  private static float[] randomVector(SplittableRandom random) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double pct(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> s = values.stream().sorted().toList();
    int m = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
