package dev.citadel.client.vector;

import dev.citadel.client.vector.internal.VectorOperations;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link CitadelVectors}: the same operations, the same deadlines,
 * retries, breaker and checks, as {@link CompletableFuture}s. They complete exceptionally with
 * the exceptions the blocking methods throw: {@code get()} reports them as the cause of its
 * {@code ExecutionException}, {@code join()} and dependent stages as the cause of a
 * {@code CompletionException}, as is CompletableFuture's way. No thread blocks while a call is in
 * flight, retry delays included.
 * Obtain it with {@link CitadelVectors#async()}; thread-safe.
 */
public final class AsyncVectors {
  private final VectorOperations ops;

  AsyncVectors(VectorOperations ops) {
    this.ops = ops;
  }

  /** See {@link CitadelVectors#ensure(CollectionSpec)}. */
  public CompletableFuture<Boolean> ensure(CollectionSpec spec) {
    return ops.ensure(spec);
  }

  /** See {@link CitadelVectors#describe(String)}. */
  public CompletableFuture<CollectionState> describe(String collection) {
    return ops.describe(collection);
  }

  /** See {@link CitadelVectors#upsert(String, List)}. */
  public CompletableFuture<Long> upsert(String collection, List<VectorPoint> points) {
    return ops.upsert(collection, points);
  }

  /** See {@link CitadelVectors#upsertChunks(String, List)}. */
  public CompletableFuture<Long> upsertChunks(String collection, List<DocumentChunk> chunks) {
    return ops.upsert(collection, chunks.stream().map(DocumentChunk::toPoint).toList());
  }

  /** See {@link CitadelVectors#delete(String, Collection)}. */
  public CompletableFuture<Void> delete(String collection, Collection<PointId> ids) {
    return ops.delete(collection, ids);
  }

  /** See {@link CitadelVectors#deleteByFileId(String, java.util.UUID)}. */
  public CompletableFuture<Void> deleteByFileId(String collection, java.util.UUID fileId) {
    return ops.deleteMatching(collection, VectorFilter.builder().fileId(fileId).build());
  }

  /** See {@link CitadelVectors#get(String, Collection, boolean)}. */
  public CompletableFuture<List<StoredPoint>> get(String collection, Collection<PointId> ids, boolean withVectors) {
    return ops.get(collection, ids, withVectors);
  }

  /** See {@link CitadelVectors#count(String, VectorFilter)}. */
  public CompletableFuture<Long> count(String collection, VectorFilter filter) {
    return ops.count(collection, filter);
  }

  /** See {@link CitadelVectors#scroll(String, VectorFilter, PointId, int)}. */
  public CompletableFuture<ScrollPage> scroll(String collection, VectorFilter filter, PointId offset, int limit) {
    return ops.scroll(collection, filter, offset, limit, false);
  }

  /** See {@link CitadelVectors#search(String, SearchRequest)}. */
  public CompletableFuture<List<SearchHit>> search(String collection, SearchRequest request) {
    return ops.search(collection, request);
  }
}
