package dev.citadel.client.vector.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Sends a list in consecutive batches with a bound on how many are in flight: the first
 * {@code parallelism} batches start at once, each completion starts the next. The first failure
 * fails the result and no further batch is started (batches already in flight finish on their
 * own). No thread waits in between.
 */
final class BoundedBatches {
  private BoundedBatches() {}

  /**
   * Sends {@code items} in order, {@code batchSize} at a time, at most {@code parallelism} batches
   * at once.
   *
   * @param send starts one batch; it is called only for a batch about to be sent, so work it does
   *     (e.g. building the request) overlaps the other batches' I/O
   * @return completes with the number of items sent, or with the first batch's failure as is
   */
  static <T> CompletableFuture<Long> send(List<T> items, int batchSize, int parallelism,
      Function<List<T>, CompletableFuture<?>> send) {
    List<List<T>> batches = new ArrayList<>();
    for (int i = 0; i < items.size(); i += batchSize) {
      batches.add(items.subList(i, Math.min(items.size(), i + batchSize)));
    }
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (batches.isEmpty()) {
      done.complete(0L);
      return done;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger remaining = new AtomicInteger(batches.size());
    AtomicLong sent = new AtomicLong();
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= batches.size() || done.isDone()) {
        return;
      }
      List<T> batch = batches.get(i);
      CompletableFuture<?> call;
      try {
        call = send.apply(batch);
      } catch (RuntimeException e) {
        call = CompletableFuture.failedFuture(e);
      }
      call.whenComplete((r, e) -> {
        if (e != null) {
          done.completeExceptionally(e);
          return;
        }
        sent.addAndGet(batch.size());
        if (remaining.decrementAndGet() == 0) {
          done.complete(sent.get());
        } else {
          launch[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(parallelism, batches.size()); i++) {
      launch[0].run();
    }
    return done;
  }
}
