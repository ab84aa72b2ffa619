package dev.citadel.qdrant.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * Splits an exact scan over many slots across the machine's cores: one part per core, on chunk
 * boundaries, each into its own partial result, merged at the end. Small scans run on the
 * caller's thread. Owns its daemon threads; {@link #close()} stops them.
 */
final class SearchExecutor implements AutoCloseable {
  /** Below this many slots a scan is too short to be worth handing off. */
  private static final int PARALLEL_THRESHOLD = 16_384;
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Scans slots [from, to) into {@code part}. */
  @FunctionalInterface
  interface PartScan<T> {
    void scan(T part, int from, int to);
  }

  private final int parallelism = Runtime.getRuntime().availableProcessors();
  private volatile ExecutorService pool;

  <T> T scan(int slots, int chunkRows, Supplier<T> newPart, PartScan<T> scan, BinaryOperator<T> merge) {
    int chunks = (slots + chunkRows - 1) / chunkRows;
    int parts = Math.min(parallelism, chunks);
    if (slots < PARALLEL_THRESHOLD || parts < 2) {
      T all = newPart.get();
      scan.scan(all, 0, slots);
      return all;
    }
    int chunksPerPart = (chunks + parts - 1) / parts;
    List<Future<T>> futures = new ArrayList<>();
    for (int p = 1; p < parts; p++) {
      int from = p * chunksPerPart * chunkRows;
      int to = Math.min(slots, (p + 1) * chunksPerPart * chunkRows);
      if (from < to) {
        futures.add(pool().submit(() -> {
          T part = newPart.get();
          scan.scan(part, from, to);
          return part;
        }));
      }
    }
    T result = newPart.get();
    scan.scan(result, 0, Math.min(slots, chunksPerPart * chunkRows));
    try {
      for (Future<T> f : futures) {
        result = merge.apply(result, f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw io.grpc.Status.CANCELLED.withDescription("search interrupted").asRuntimeException();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    return result;
  }

  private ExecutorService pool() {
    ExecutorService p = pool;
    if (p == null) {
      synchronized (this) {
        p = pool;
        if (p == null) {
          p = Executors.newFixedThreadPool(parallelism - 1, r -> {
            Thread t = new Thread(r, "qdrant-local-search-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
          pool = p;
        }
      }
    }
    return p;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
  }
}
