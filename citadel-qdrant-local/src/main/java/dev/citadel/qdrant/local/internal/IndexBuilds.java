package dev.citadel.qdrant.local.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where HNSW graphs are built, away from the request threads: one coordinating thread runs one
 * build at a time (and the delayed checks that index what is left once writes pause), and a pool of one thread per core does the graph insertions (Lucene's
 * concurrent builder). Owns its daemon threads; {@link #close()} stops them.
 */
final class IndexBuilds implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final int cores = Runtime.getRuntime().availableProcessors();
  private final java.util.concurrent.ScheduledExecutorService coordinator =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "qdrant-local-index-"));
  private final ExecutorService workers = Executors.newFixedThreadPool(cores, r -> daemon(r, "qdrant-local-index-worker-"));

  private static Thread daemon(Runnable r, String prefix) {
    Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
    t.setDaemon(true);
    t.setPriority(Thread.NORM_PRIORITY - 1);
    return t;
  }

  /** Runs {@code build} in the background; false when closed (the build does not run). */
  boolean submit(Runnable build) {
    if (coordinator.isShutdown()) {
      return false;
    }
    try {
      coordinator.execute(build);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
      return false;
    }
  }

  /** Runs {@code check} on the coordinating thread after {@code delayMillis}; false when closed. */
  boolean schedule(Runnable check, long delayMillis) {
    if (coordinator.isShutdown()) {
      return false;
    }
    try {
      coordinator.schedule(check, delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
      return false;
    }
  }

  ExecutorService workers() {
    return workers;
  }

  /** Worker threads for one build: {@code maxThreads} when set (Qdrant's max_indexing_threads), else every core. */
  int threads(int maxThreads) {
    return maxThreads > 0 ? Math.min(maxThreads, cores) : cores;
  }

  @Override
  public void close() {
    coordinator.shutdownNow();
    workers.shutdownNow();
  }
}
