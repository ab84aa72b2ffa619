package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.CollectionNotFoundException;
import dev.citadel.client.vector.CollectionState;
import dev.citadel.client.vector.DenseVectorSpec;
import dev.citadel.client.vector.DimensionMismatchException;
import java.util.ArrayList;
import java.util.List;
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

  /** The size of a dense vector about to be sent; {@code vector} null for the unnamed one. */
  public record Size(String vector, int size) {}

  /** {@link #checkSizes(String, List)} for unnamed vectors of these sizes. */
  public CompletableFuture<Void> checkSizes(String collection, int[] sizes) {
    List<Size> unnamed = new ArrayList<>(sizes.length);
    for (int size : sizes) {
      unnamed.add(new Size(null, size));
    }
    return checkSizes(collection, unnamed);
  }

  /**
   * Completes when every size in {@code sizes} is its vector's size in the collection; fails with
   * {@link DimensionMismatchException} naming the first that is not. Describes the collection
   * when it is not cached, and once more when a cached state disagrees. A vector the collection
   * does not have (a name it lacks, or the unnamed vector of a collection with named ones) is
   * left for Qdrant to refuse.
   */
  public CompletableFuture<Void> checkSizes(String collection, List<Size> sizes) {
    CollectionState cached = states.get(collection);
    CompletableFuture<CollectionState> state = cached != null ? CompletableFuture.completedFuture(cached)
        : describe.apply(collection);
    return state.thenCompose(s -> {
      Size bad = firstMismatch(s, sizes);
      if (bad == null) {
        return CompletableFuture.completedFuture(null);
      }
      if (cached == null) {
        return mismatch(collection, s, bad);
      }
      return describe.apply(collection).thenCompose(fresh -> {
        Size stillBad = firstMismatch(fresh, sizes);
        return stillBad == null ? CompletableFuture.completedFuture(null) : mismatch(collection, fresh, stillBad);
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

  private static CompletableFuture<Void> mismatch(String collection, CollectionState state, Size actual) {
    return CompletableFuture.failedFuture(new DimensionMismatchException(collection, expected(state, actual),
        actual.size(), null));
  }

  /** The collection's size of {@code s}'s vector, or -1 when it has no such vector. */
  private static int expected(CollectionState state, Size s) {
    if (s.vector() == null) {
      return state.namedVectors().isEmpty() ? state.vectorSize() : -1;
    }
    DenseVectorSpec named = state.namedVectors().get(s.vector());
    return named == null ? -1 : named.size();
  }

  /** The first size that differs from its vector's in the collection, or null. */
  private static Size firstMismatch(CollectionState state, List<Size> sizes) {
    for (Size s : sizes) {
      int expected = expected(state, s);
      if (expected >= 0 && expected != s.size()) {
        return s;
      }
    }
    return null;
  }
}
