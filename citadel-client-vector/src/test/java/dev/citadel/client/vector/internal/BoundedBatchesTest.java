package dev.citadel.client.vector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches in order, a bound on how many are in flight, and a stop at the first failure. */
class BoundedBatchesTest {
  private final List<List<Integer>> started = new ArrayList<>();
  private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
  private int maxInFlight;

  private CompletableFuture<?> send(List<Integer> batch) {
    started.add(batch);
    CompletableFuture<Void> call = new CompletableFuture<>();
    inFlight.add(call);
    maxInFlight = Math.max(maxInFlight, inFlight.size());
    return call;
  }

  private void completeOldest() {
    inFlight.remove(0).complete(null);
  }

  @Test
  void sendsEveryItemInBatchesWithAtMostParallelismInFlight() {
    List<Integer> items = IntStream.range(0, 100).boxed().toList();

    CompletableFuture<Long> done = BoundedBatches.send(items, 7, 3, this::send);
    assertThat(started).as("the first three start at once").hasSize(3);
    while (!inFlight.isEmpty()) {
      completeOldest();
    }

    assertThat(done).isCompletedWithValue(100L);
    assertThat(started).as("ceil(100 / 7)").hasSize(15);
    assertThat(maxInFlight).isEqualTo(3);
    assertThat(started.stream().flatMap(List::stream).toList()).isEqualTo(items);
    assertThat(started.get(14)).containsExactly(98, 99);
  }

  @Test
  void theFirstFailureFailsTheResultAndStartsNothingMore() {
    CompletableFuture<Long> done = BoundedBatches.send(IntStream.range(0, 10).boxed().toList(), 2, 2, this::send);
    IllegalStateException failure = new IllegalStateException("rejected");

    inFlight.remove(0).completeExceptionally(failure);
    completeOldest();

    assertThatThrownBy(done::join).hasCause(failure);
    assertThat(started).as("the two started before the failure only").hasSize(2);
  }

  @Test
  void aSenderThatThrowsFailsTheResult() {
    IllegalArgumentException failure = new IllegalArgumentException("cannot build");
    CompletableFuture<Long> done = BoundedBatches.send(List.of(1, 2, 3), 1, 2, batch -> {
      throw failure;
    });
    assertThatThrownBy(done::join).hasCause(failure);
  }

  @Test
  void nothingToSendIsZero() {
    assertThat(BoundedBatches.send(List.<Integer>of(), 5, 2, this::send)).isCompletedWithValue(0L);
    assertThat(started).isEmpty();
  }
}
