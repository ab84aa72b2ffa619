package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.CollectionNotFoundException;
import dev.citadel.client.vector.CollectionState;
import dev.citadel.client.vector.DimensionMismatchException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The last state Qdrant reported for each collection, so vector sizes can be checked before a
 * request is sent without asking Qdrant every time. A cached size may be stale (the collection
 * recreated behind the client's back): a mismatch against a cached state is confirmed with one
 * fresh describe before it is reported, and a server-side dimension or not-found error forgets
 * the entry. Thread-safe.
 */
public final class KnownCollections {
  private final Map<String, CollectionState> states = new ConcurrentHashMap<>();
  private final Function<String, CompletableFuture<CollectionState>> describe;

  /**
   * @param describe asks Qdrant for a collection's state; it is expected to {@link #remember}
   *     what it gets
   */
  public KnownCollections(Function<String, CompletableFuture<CollectionState>> describe) {
    this.describe = describe;
  }

  /** Records what Qdrant reported about a collection. */
  public void remember(CollectionState state) {
    states.put(state.name(), state);
  }

  /** Forgets a collection (dropped, or found stale). */
  public void forget(String collection) {
    states.remove(collection);
  }

  /**
   * Completes when every size in {@code sizes} is the collection's vector size; fails with
   * {@link DimensionMismatchException} naming the first that is not. Describes the collection
   * when it is not cached, and once more when a cached state disagrees.
   */
  public CompletableFuture<Void> checkSizes(String collection, int[] sizes) {
    CollectionState cached = states.get(collection);
    CompletableFuture<CollectionState> state = cached != null ? CompletableFuture.completedFuture(cached)
        : describe.apply(collection);
    return state.thenCompose(s -> {
      int bad = firstMismatch(s, sizes);
      if (bad < 0) {
        return CompletableFuture.completedFuture(null);
      }
      if (cached == null) {
        return mismatch(collection, s, bad);
      }
      return describe.apply(collection).thenCompose(fresh -> {
        int stillBad = firstMismatch(fresh, sizes);
        return stillBad < 0 ? CompletableFuture.completedFuture(null) : mismatch(collection, fresh, stillBad);
      });
    });
  }

  /**
   * The failure a caller should see for a call on {@code collection}, unwrapped; a dimension or
   * not-found error from Qdrant means the cached state is stale, so it is forgotten.
   */
  public RuntimeException staleAware(String collection, Throwable failure) {
    RuntimeException unwrapped = Futures.rethrow(failure);
    if (unwrapped instanceof DimensionMismatchException || unwrapped instanceof CollectionNotFoundException) {
      forget(collection);
    }
    return unwrapped;
  }

  private static CompletableFuture<Void> mismatch(String collection, CollectionState state, int actual) {
    return CompletableFuture.failedFuture(new DimensionMismatchException(collection, state.vectorSize(), actual, null));
  }

  /** The first size that differs from the collection's, or -1. */
  private static int firstMismatch(CollectionState state, int[] sizes) {
    for (int size : sizes) {
      if (size != state.vectorSize()) {
        return size;
      }
    }
    return -1;
  }
}
