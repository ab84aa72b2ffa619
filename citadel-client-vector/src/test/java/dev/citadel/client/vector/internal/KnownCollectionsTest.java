package dev.citadel.client.vector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.vector.CollectionNotFoundException;
import dev.citadel.client.vector.CollectionState;
import dev.citadel.client.vector.DimensionMismatchException;
import dev.citadel.client.vector.Distance;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Size checks against cached collection states: when Qdrant is asked, and when it is not. */
class KnownCollectionsTest {
  private final Deque<Integer> sizesQdrantReports = new ArrayDeque<>();
  private int describes;
  private final KnownCollections known = new KnownCollections(name -> {
    describes++;
    CollectionState state = state(name, sizesQdrantReports.removeFirst());
    return CompletableFuture.completedFuture(state);
  });

  @Test
  void anUncachedCollectionIsDescribedOnceAndAMismatchIsReportedWithoutAskingAgain() {
    sizesQdrantReports.add(3);

    assertThatThrownBy(() -> known.checkSizes("c", new int[] {3, 2, 4}).join())
        .hasCauseInstanceOf(DimensionMismatchException.class)
        .cause().satisfies(e -> {
          DimensionMismatchException m = (DimensionMismatchException) e;
          assertThat(m.expected()).isEqualTo(3);
          assertThat(m.actual()).as("the first that differs").isEqualTo(2);
          assertThat(m.collection()).isEqualTo("c");
        });
    assertThat(describes).isEqualTo(1);
  }

  @Test
  void aCachedStateThatAgreesAsksNothing() {
    known.remember(state("c", 3));

    known.checkSizes("c", new int[] {3, 3}).join();

    assertThat(describes).isZero();
  }

  @Test
  void aCachedStateThatDisagreesIsRefreshedOnceBeforeReporting() {
    known.remember(state("c", 3));
    sizesQdrantReports.add(4);

    known.checkSizes("c", new int[] {4}).join();
    assertThat(describes).as("recreated behind our back: one refresh, then accepted").isEqualTo(1);

    known.remember(state("c", 3));
    sizesQdrantReports.add(3);
    assertThatThrownBy(() -> known.checkSizes("c", new int[] {4}).join())
        .hasCauseInstanceOf(DimensionMismatchException.class);
    assertThat(describes).isEqualTo(2);
  }

  @Test
  void dimensionAndNotFoundErrorsFromQdrantForgetTheCachedStateOthersKeepIt() {
    known.remember(state("c", 3));
    RuntimeException unavailable = new UnavailableException("qdrant", false, "down", null);
    assertThat(known.staleAware("c", new CompletionException(unavailable))).as("unwrapped").isSameAs(unavailable);
    known.checkSizes("c", new int[] {3}).join();
    assertThat(describes).as("still cached").isZero();

    DimensionMismatchException mismatch = new DimensionMismatchException("c", 4, 3, null);
    assertThat(known.staleAware("c", mismatch)).isSameAs(mismatch);
    sizesQdrantReports.add(4);
    assertThatThrownBy(() -> known.checkSizes("c", new int[] {3}).join())
        .hasCauseInstanceOf(DimensionMismatchException.class);
    assertThat(describes).as("forgotten, so described again").isEqualTo(1);

    known.staleAware("c", new CollectionNotFoundException("c", null));
    sizesQdrantReports.add(4);
    known.checkSizes("c", new int[] {4}).join();
    assertThat(describes).isEqualTo(2);
  }

  private static CollectionState state(String name, int size) {
    return new CollectionState(name, size, Distance.COSINE, 0, 16, 1, 1, 1, Map.of());
  }
}
