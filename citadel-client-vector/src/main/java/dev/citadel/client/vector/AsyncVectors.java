package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.internal.QdrantCollections;
import dev.citadel.client.vector.internal.QdrantPoints;
import dev.citadel.client.vector.internal.QdrantQuery;
import dev.citadel.client.vector.internal.QdrantSearch;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The asynchronous view of a {@link CitadelVectors}, and the one implementation of its
 * operations (the blocking methods wait on these): the same deadlines, retries, breaker and
 * checks, as {@link CompletableFuture}s. They complete exceptionally with the exceptions the
 * blocking methods throw: {@code get()} reports them as the cause of its
 * {@code ExecutionException}, {@code join()} and dependent stages as the cause of a
 * {@code CompletionException}, as is CompletableFuture's way. No thread blocks while a call is in
 * flight, retry delays included. A null argument throws {@link NullPointerException} at once.
 * Obtain it with {@link CitadelVectors#async()}; thread-safe.
 */
public final class AsyncVectors {
  private final QdrantCollections collections;
  private final QdrantPoints points;
  private final QdrantSearch search;
  private final QdrantQuery query;

  AsyncVectors(QdrantCollections collections, QdrantPoints points, QdrantSearch search, QdrantQuery query) {
    this.collections = collections;
    this.points = points;
    this.search = search;
    this.query = query;
  }

  /** See {@link CitadelVectors#ensure(CollectionSpec)}. */
  public CompletableFuture<Boolean> ensure(CollectionSpec spec) {
    return collections.ensure(Objects.requireNonNull(spec, "spec"));
  }

  /**
   * See {@link CitadelVectors#ensureDefaultCollections()}: one after the other, stopping at the
   * first failure.
   */
  public CompletableFuture<Void> ensureDefaultCollections() {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (CollectionSpec spec : CollectionSpec.defaultCollections()) {
      chain = chain.thenCompose(previous -> collections.ensure(spec).thenApply(created -> null));
    }
    return chain;
  }

  /** See {@link CitadelVectors#describe(String)}. */
  public CompletableFuture<CollectionState> describe(String collection) {
    return collections.describe(Objects.requireNonNull(collection, "collection"));
  }

  /** See {@link CitadelVectors#exists(String)}. */
  public CompletableFuture<Boolean> exists(String collection) {
    return collections.exists(Objects.requireNonNull(collection, "collection"));
  }

  /** See {@link CitadelVectors#collections()}. */
  public CompletableFuture<List<String>> collections() {
    return collections.list();
  }

  /** See {@link CitadelVectors#drop(String)}. */
  public CompletableFuture<Boolean> drop(String collection) {
    return collections.drop(Objects.requireNonNull(collection, "collection"));
  }

  /** See {@link CitadelVectors#upsert(String, List)}. */
  public CompletableFuture<Long> upsert(String collection, List<VectorPoint> points) {
    // Copied: batches are converted lazily while earlier ones are in flight.
    return this.points.upsert(Objects.requireNonNull(collection, "collection"), List.copyOf(points));
  }

  /** See {@link CitadelVectors#upsertChunks(String, List)}. */
  public CompletableFuture<Long> upsertChunks(String collection, List<DocumentChunk> chunks) {
    return upsert(collection, chunks.stream().map(DocumentChunk::toPoint).toList());
  }

  /** See {@link CitadelVectors#delete(String, Collection)}. */
  public CompletableFuture<Void> delete(String collection, Collection<PointId> ids) {
    return points.delete(Objects.requireNonNull(collection, "collection"), ids);
  }

  /** See {@link CitadelVectors#deleteByFileId(String, UUID)}. */
  public CompletableFuture<Void> deleteByFileId(String collection, UUID fileId) {
    return deleteMatching(collection, VectorFilter.builder().fileId(Objects.requireNonNull(fileId, "fileId")).build());
  }

  /**
   * See {@link CitadelVectors#deleteMatching(String, VectorFilter)}; an empty filter completes
   * with {@link InvalidArgumentException}.
   */
  public CompletableFuture<Void> deleteMatching(String collection, VectorFilter filter) {
    return points.deleteMatching(Objects.requireNonNull(collection, "collection"), filter);
  }

  /** See {@link CitadelVectors#get(String, Collection, boolean)}. */
  public CompletableFuture<List<StoredPoint>> get(String collection, Collection<PointId> ids, boolean withVectors) {
    return points.get(Objects.requireNonNull(collection, "collection"), ids, withVectors);
  }

  /** See {@link CitadelVectors#count(String, VectorFilter)}. */
  public CompletableFuture<Long> count(String collection, VectorFilter filter) {
    return points.count(Objects.requireNonNull(collection, "collection"), filter);
  }

  /** See {@link CitadelVectors#scroll(String, VectorFilter, PointId, int)}. */
  public CompletableFuture<ScrollPage> scroll(String collection, VectorFilter filter, PointId offset, int limit) {
    return points.scroll(Objects.requireNonNull(collection, "collection"), filter, offset, limit, false);
  }

  /**
   * See {@link CitadelVectors#forEach(String, VectorFilter, Consumer)}; {@code visitor} runs on
   * the thread that completes each page.
   */
  public CompletableFuture<Void> forEach(String collection, VectorFilter filter, Consumer<StoredPoint> visitor) {
    return points.forEach(Objects.requireNonNull(collection, "collection"), filter, false,
        Objects.requireNonNull(visitor, "visitor"));
  }

  /** See {@link CitadelVectors#search(String, SearchRequest)}. */
  public CompletableFuture<List<SearchHit>> search(String collection, SearchRequest request) {
    return search.search(Objects.requireNonNull(collection, "collection"), Objects.requireNonNull(request, "request"));
  }

  /** See {@link CitadelVectors#query(String, QueryRequest)}. */
  public CompletableFuture<List<SearchHit>> query(String collection, QueryRequest request) {
    return query.query(Objects.requireNonNull(collection, "collection"), Objects.requireNonNull(request, "request"));
  }

  /** See {@link CitadelVectors#hybridSearch(String, HybridSearchRequest)}. */
  public CompletableFuture<List<SearchHit>> hybridSearch(String collection, HybridSearchRequest request) {
    return query(collection, Objects.requireNonNull(request, "request").toQuery());
  }
}
