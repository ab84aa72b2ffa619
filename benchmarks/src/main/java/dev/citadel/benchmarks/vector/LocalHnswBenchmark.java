package dev.citadel.benchmarks.vector;

import dev.citadel.qdrant.local.QdrantLocalServer;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchParams;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The local server's HNSW index at scale (issue #19): N clustered Cosine points (default
 * 1,000,000 x 768) upserted through the official gRPC client into an in-process
 * {@link QdrantLocalServer}, then:
 *
 * <ul>
 *   <li>load time, and build time (from the first upsert until the graph covers every point:
 *       {@code indexed_vectors_count == N} and status Green);</li>
 *   <li>heap used after the build (after GC), and per point;</li>
 *   <li>top-10 search latency with the collection's defaults, sequential: p50, p99, max
 *       (target p99 under 10 ms);</li>
 *   <li>recall@10 against {@code exact=true} on a sample of queries (target at least 0.95).</li>
 * </ul>
 *
 * <p>Arguments (all optional): {@code --points N} (1000000), {@code --dim D} (768),
 * {@code --queries Q} (1000), {@code --recall-queries R} (100), {@code --m M} (16),
 * {@code --ef-construct E} (100), {@code --hnsw-ef H[,H...]} (0: the default, ef_construct; each
 * value is measured in turn on the same graph), {@code --clusters C}
 * (1000), {@code --noise S} (0.5). The data: C Gaussian centroids, each point a centroid plus
 * Gaussian noise of standard deviation S (real embeddings cluster; uniform random vectors in
 * 768 dimensions are a worst case no ANN index is tuned for); queries are drawn the same way.
 * Heap: 1M x 768 floats are 3.1 GB of vectors alone, so give the JVM about 6 GB ({@code -Xmx6g}).
 * Client and server share the machine's cores.
 */
public final class LocalHnswBenchmark {
  private static final int BATCH = 1000;

  private LocalHnswBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = intArg(args, "--points", 1_000_000);
    int dim = intArg(args, "--dim", 768);
    int queries = intArg(args, "--queries", 1000);
    int recallQueries = intArg(args, "--recall-queries", 100);
    int m = intArg(args, "--m", 16);
    int efConstruct = intArg(args, "--ef-construct", 100);
    int[] hnswEfs = java.util.Arrays.stream(stringArg(args, "--hnsw-ef", "0").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    int clusters = intArg(args, "--clusters", 1000);
    double noise = Double.parseDouble(stringArg(args, "--noise", "0.5"));
    System.out.printf(Locale.ROOT, "local HNSW benchmark: %,d x %d Cosine, m %d, ef_construct %d, hnsw_ef %s,"
        + " %d clusters (noise %.2f), %d queries, recall on %d, %d cores, max heap %d MB%n", n, dim, m, efConstruct,
        stringArg(args, "--hnsw-ef", "0") + " (0: default)", clusters, noise, queries, recallQueries,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

    SplittableRandom random = new SplittableRandom(19);
    float[][] centroids = new float[clusters][];
    for (int c = 0; c < clusters; c++) {
      centroids[c] = gaussian(random, dim, 1.0);
    }
    try (QdrantLocalServer server = QdrantLocalServer.start(0);
        QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder(server.host(), server.port(), false, false)
            .build())) {
      client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName("bench")
          .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(dim)
              .setDistance(Distance.Cosine)))
          .setHnswConfig(HnswConfigDiff.newBuilder().setM(m).setEfConstruct(efConstruct)).build())
          .get(1, TimeUnit.MINUTES);

      long start = System.nanoTime();
      for (int from = 0; from < n; from += BATCH) {
        List<PointStruct> batch = new ArrayList<>(BATCH);
        for (int i = from; i < Math.min(n, from + BATCH); i++) {
          batch.add(PointStruct.newBuilder().setId(PointIdFactory.id(i))
              .setVectors(VectorsFactory.vectors(point(centroids, random, dim, noise))).build());
        }
        client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("bench").setWait(true).addAllPoints(batch)
            .build()).get(5, TimeUnit.MINUTES);
        if ((from / BATCH) % 100 == 99) {
          CollectionInfo info = client.getCollectionInfoAsync("bench").get(1, TimeUnit.MINUTES);
          System.out.printf(Locale.ROOT, "  loaded %,d, indexed %,d after %.0f s%n", from + BATCH,
              info.getIndexedVectorsCount(), seconds(start));
        }
      }
      double loaded = seconds(start);
      System.out.printf(Locale.ROOT, "load: %,d points in %.1f s (%.0f points/s)%n", n, loaded, n / loaded);
      while (true) {
        CollectionInfo info = client.getCollectionInfoAsync("bench").get(1, TimeUnit.MINUTES);
        if (info.getStatus() == CollectionStatus.Green && info.getIndexedVectorsCount() == n) {
          break;
        }
        Thread.sleep(200); // polling the server's progress, not synchronising with it
      }
      double built = seconds(start);
      System.out.printf(Locale.ROOT, "build: graph covers all %,d points %.1f s after the first upsert"
          + " (%.1f s after the load)%n", n, built, built - loaded);

      System.gc();
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long used = rt.totalMemory() - rt.freeMemory();
      System.out.printf(Locale.ROOT, "heap used after GC: %,d MB (%,d bytes per point; vectors alone %,d)%n",
          used >> 20, used / n, 4L * dim);

      float[][] qs = new float[queries][];
      for (int q = 0; q < queries; q++) {
        qs[q] = point(centroids, random, dim, noise);
      }
      int sample = Math.min(recallQueries, queries);
      List<Set<Long>> truth = new ArrayList<>(sample);
      for (int q = 0; q < sample; q++) {
        truth.add(ids(search(client, qs[q], SearchParams.newBuilder().setExact(true).build())));
      }
      for (int hnswEf : hnswEfs) {
        SearchParams params = hnswEf > 0 ? SearchParams.newBuilder().setHnswEf(hnswEf).build() : null;
        String ef = hnswEf > 0 ? "hnsw_ef " + hnswEf : "default hnsw_ef (ef_construct " + efConstruct + ")";
        for (int q = 0; q < Math.min(100, queries); q++) {
          search(client, qs[q], params); // warm-up
        }
        long[] nanos = new long[queries];
        for (int q = 0; q < queries; q++) {
          long t = System.nanoTime();
          search(client, qs[q], params);
          nanos[q] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s: top-10 latency over %,d sequential queries: p50 %.2f ms, p99 %.2f ms,"
            + " max %.2f ms (target p99 < 10 ms)%n", ef, queries, nanos[queries / 2] / 1e6,
            nanos[(int) Math.min(queries - 1, Math.ceil(queries * 0.99) - 1)] / 1e6, nanos[queries - 1] / 1e6);
        double recall = 0;
        int[] byFound = new int[11];
        for (int q = 0; q < sample; q++) {
          Set<Long> found = ids(search(client, qs[q], params));
          found.retainAll(truth.get(q));
          recall += found.size() / (double) truth.get(q).size();
          byFound[Math.min(10, found.size())]++;
        }
        System.out.printf(Locale.ROOT, "%s: recall@10 against exact=true on %d queries: %.4f (target >= 0.95);"
            + " queries by true neighbours found, 0..10: %s%n", ef, sample, recall / sample, Arrays.toString(byFound));
      }
    }
  }

  private static List<ScoredPoint> search(QdrantClient client, float[] q, SearchParams params) throws Exception {
    SearchPoints.Builder b = SearchPoints.newBuilder().setCollectionName("bench").setLimit(10);
    for (float f : q) {
      b.addVector(f);
    }
    if (params != null) {
      b.setParams(params);
    }
    return client.searchAsync(b.build()).get(1, TimeUnit.MINUTES);
  }

  private static Set<Long> ids(List<ScoredPoint> hits) {
    Set<Long> out = new HashSet<>();
    hits.forEach(h -> out.add(h.getId().getNum()));
    return out;
  }

  private static float[] point(float[][] centroids, SplittableRandom random, int dim, double noise) {
    float[] c = centroids[random.nextInt(centroids.length)];
    float[] v = gaussian(random, dim, noise);
    for (int i = 0; i < dim; i++) {
      v[i] += c[i];
    }
    return v;
  }

  private static float[] gaussian(SplittableRandom random, int dim, double sigma) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i += 2) {
      // Box-Muller: SplittableRandom has no nextGaussian on Java 17
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      double r = Math.sqrt(-2 * Math.log(u1)) * sigma;
      v[i] = (float) (r * Math.cos(2 * Math.PI * u2));
      if (i + 1 < dim) {
        v[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
      }
    }
    return v;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static int intArg(String[] args, String name, int dflt) {
    return Integer.parseInt(stringArg(args, name, Integer.toString(dflt)));
  }

  private static String stringArg(String[] args, String name, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }
}
