package dev.citadel.client.vector;

import dev.citadel.client.ConfigException;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.spi.CitadelExtension;
import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.vector.internal.Futures;
import dev.citadel.client.vector.internal.QdrantBackend;
import dev.citadel.client.vector.internal.QdrantCollections;
import dev.citadel.client.vector.internal.QdrantHealth;
import dev.citadel.client.vector.internal.QdrantPoints;
import dev.citadel.client.vector.internal.QdrantQuery;
import dev.citadel.client.vector.internal.QdrantSearch;
import io.qdrant.client.QdrantClient;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Qdrant from one config: collection specs ({@link #ensure}), typed document chunks, batch
 * upserts, search, scroll, count and deletes over the official Java client's gRPC stubs. Every
 * call has a deadline ({@code qdrant.call_timeout}); idempotent calls (all but collection creation)
 * are retried on UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED under the shared retry and
 * breaker settings ({@code resilience.*}). Vectors are checked before sending: empty, NaN or
 * infinite values are {@link InvalidVectorException} (an {@link InvalidArgumentException}, the
 * error for every refused argument), a wrong size is
 * {@link DimensionMismatchException}. A missing collection is
 * {@link CollectionNotFoundException}; Qdrant unreachable is {@link UnavailableException}.
 *
 * <p>Create one per application with {@link #create(CitadelConfig)} and share it: it is
 * thread-safe. With this module on the class path, {@code Citadel.create(config)} creates it
 * when the config has a {@code qdrant:} section: {@code citadel.extension(CitadelVectors.class)}.
 * {@link #async()} gives the same operations as {@code CompletableFuture}s; the blocking methods
 * here wait on them (an interrupt cancels the call, restores the flag and throws a
 * {@link dev.citadel.client.CitadelException}). {@link #close()} closes the gRPC channel.
 *
 * <pre>{@code
 * try (CitadelVectors vectors = CitadelVectors.create(config)) {
 *   vectors.ensure(CollectionSpec.DOCUMENTS);
 *   vectors.upsertChunks("documents", chunks);
 *   List<SearchHit> hits = vectors.search("documents", SearchRequest.builder(query).limit(10)
 *       .filter(VectorFilter.builder().tagsAnyOf("policy").fileType("pdf").build()).build());
 * }
 * }</pre>
 */
public final class CitadelVectors implements CitadelExtension {
  private final QdrantBackend backend;
  private final AsyncVectors async;
  private final QdrantHealth health;

  private CitadelVectors(QdrantBackend backend) {
    this.backend = backend;
    QdrantCollections collections = new QdrantCollections(backend);
    this.async = new AsyncVectors(collections, new QdrantPoints(backend, collections.known()),
        new QdrantSearch(backend, collections.known()), new QdrantQuery(backend, collections.known()));
    this.health = new QdrantHealth(backend, collections);
  }

  /**
   * Helpers for {@code config}'s qdrant section, with no metrics. Opens no connection yet.
   *
   * @throws ConfigException when the config has no qdrant section, or the TLS CA file is unreadable
   */
  public static CitadelVectors create(CitadelConfig config) {
    return create(config, CitadelMetrics.NOOP);
  }

  /**
   * Helpers reporting calls and breaker state to {@code metrics} (which stays the caller's),
   * as backend {@code qdrant}. Opens no connection yet.
   *
   * @throws ConfigException when the config has no qdrant section, or the TLS CA file is unreadable
   */
  public static CitadelVectors create(CitadelConfig config, CitadelMetrics metrics) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    QdrantConfig qdrant = config.section(QdrantConfig.class)
        .orElseThrow(() -> new ConfigException("qdrant", "is not configured"));
    return new CitadelVectors(new QdrantBackend(config.clientName(), qdrant, config.resilience(), metrics));
  }

  /** The qdrant settings this client was built from (the API key masked in its toString). */
  public QdrantConfig config() {
    return backend.config();
  }

  /** The asynchronous view of the same client. */
  public AsyncVectors async() {
    return async;
  }

  /**
   * Creates the collection with its vectors, HNSW m, distribution and payload indexes when it
   * does not exist; when it does, creates only missing indexes. Idempotent.
   *
   * @return true when the collection was created, false when it existed
   * @throws CollectionSpecConflictException when it exists with another vector size or distance
   *     (it is never dropped or recreated silently)
   */
  public boolean ensure(CollectionSpec spec) {
    return Futures.await(async.ensure(spec));
  }

  /**
   * {@link #ensure} for the four default collections ({@link CollectionSpec#defaultCollections()}:
   * documents, chat_history, code, knowledge), one after the other.
   *
   * @throws CollectionSpecConflictException when one exists with another vector size or distance
   *     (those before it are ensured, those after it are not tried)
   */
  public void ensureDefaultCollections() {
    Futures.await(async.ensureDefaultCollections());
  }

  /**
   * What Qdrant reports about {@code collection}.
   *
   * @throws CollectionNotFoundException when it does not exist
   */
  public CollectionState describe(String collection) {
    return Futures.await(async.describe(collection));
  }

  /** Whether {@code collection} exists. */
  public boolean exists(String collection) {
    return Futures.await(async.exists(collection));
  }

  /** Names of all collections, sorted. */
  public List<String> collections() {
    return Futures.await(async.collections());
  }

  /**
   * Drops {@code collection} and all its points.
   *
   * @return false when there was no such collection
   */
  public boolean drop(String collection) {
    return Futures.await(async.drop(collection));
  }

  /**
   * Writes points (insert or overwrite by id), in requests of {@code qdrant.upsert.batch_size},
   * at most {@code qdrant.upsert.parallelism} at once. Every vector is checked before the first
   * request; a failure part-way may leave earlier batches written (retrying the call is safe).
   *
   * @return the number of points written
   * @throws InvalidVectorException for an empty, NaN or infinite vector (nothing is sent)
   * @throws DimensionMismatchException for a vector of the wrong size (nothing is sent)
   * @throws CollectionNotFoundException when the collection does not exist
   */
  public long upsert(String collection, List<VectorPoint> points) {
    return Futures.await(async.upsert(collection, points));
  }

  /** {@link #upsert} for document chunks, with their chunk payload and stable point ids. */
  public long upsertChunks(String collection, List<DocumentChunk> chunks) {
    return Futures.await(async.upsertChunks(collection, chunks));
  }

  /** Deletes points by id; ids that do not exist are ignored. */
  public void delete(String collection, Collection<PointId> ids) {
    Futures.await(async.delete(collection, ids));
  }

  /** Deletes every chunk of file {@code fileId} (payload {@code file_id}). */
  public void deleteByFileId(String collection, UUID fileId) {
    Futures.await(async.deleteByFileId(collection, fileId));
  }

  /**
   * Deletes every point matching {@code filter}.
   *
   * @throws InvalidArgumentException for an empty filter (it would delete every point)
   */
  public void deleteMatching(String collection, VectorFilter filter) {
    Futures.await(async.deleteMatching(collection, filter));
  }

  /** The points with these ids that exist, in the order asked, with payloads. */
  public List<StoredPoint> get(String collection, Collection<PointId> ids, boolean withVectors) {
    return Futures.await(async.get(collection, ids, withVectors));
  }

  /** Exact number of points matching {@code filter} ({@link VectorFilter#none()} for all). */
  public long count(String collection, VectorFilter filter) {
    return Futures.await(async.count(collection, filter));
  }

  /**
   * One page of points in id order with payloads, from {@code offset} (null for the start);
   * pass {@link ScrollPage#nextOffset()} to get the next.
   *
   * @throws InvalidArgumentException for a {@code limit} below 1
   */
  public ScrollPage scroll(String collection, VectorFilter filter, PointId offset, int limit) {
    return Futures.await(async.scroll(collection, filter, offset, limit));
  }

  /** Visits every point matching {@code filter} in id order, page by page, with payloads. */
  public void forEach(String collection, VectorFilter filter, Consumer<StoredPoint> visitor) {
    Futures.await(async.forEach(collection, filter, visitor));
  }

  /**
   * Top-k nearest points, best first.
   *
   * @throws InvalidVectorException for an empty, NaN or infinite query (nothing is sent)
   * @throws DimensionMismatchException for a query of the wrong size (nothing is sent)
   */
  public List<SearchHit> search(String collection, SearchRequest request) {
    return Futures.await(async.search(collection, request));
  }

  /**
   * Qdrant's Query API: the request's prefetches run first, then its query ranks their results
   * (or the whole collection): nearest to a dense or sparse vector or to a stored point,
   * recommend, fusion (RRF, DBSF), order by a payload field, or, with no query, points in id
   * order. Hits carry the score Qdrant gives (for order by: 0, the order is the answer).
   *
   * @throws InvalidVectorException for an empty, NaN or infinite dense query (nothing is sent)
   * @throws DimensionMismatchException for a dense query of the wrong size for its vector
   * @throws VectorRequestException when Qdrant refuses it (an unknown vector name, order by an
   *     unindexed field, a point id that does not exist)
   */
  public List<SearchHit> query(String collection, QueryRequest request) {
    return Futures.await(async.query(collection, request));
  }

  /**
   * Hybrid search in Qdrant: nearest to the dense vector and best lexical matches of the text
   * (its sparse vector from the request's {@link SparseTextEncoder}, BM25 by default, against
   * the documents' sparse vector), fused server-side (RRF by default). Store documents with
   * {@code point.withSparse("text", SparseTextEncoder.bm25().document(content))} in a collection
   * created with {@code sparseVector("text", SparseModifier.IDF)}.
   *
   * @return the fused hits, best first, with the fused score (RRF: the sum over both rankings of
   *     1 / (2 + rank), 0-based)
   * @throws DimensionMismatchException for a vector of the wrong size (nothing is sent)
   */
  public List<SearchHit> hybridSearch(String collection, HybridSearchRequest request) {
    return Futures.await(async.hybridSearch(collection, request));
  }

  /**
   * {@code qdrant}: reachable, title, version, latency, breaker; then
   * {@code qdrant.collection.<name>} for each collection ensured by this client. Never throws.
   */
  @Override
  public HealthReport health() {
    return HealthReport.of(health.checks());
  }

  /** The state of the Qdrant circuit breaker. */
  public BreakerState breakerState() {
    return backend.breakerState();
  }

  /**
   * The official client on this client's channel, for operations the helpers do not cover. It
   * has no default deadline and no retries; do not close it.
   */
  public QdrantClient rawClient() {
    return backend.rawClient();
  }

  /** Closes the gRPC channel (bounded wait); idempotent. */
  @Override
  public void close() {
    backend.close();
  }

  @Override
  public String toString() {
    return "CitadelVectors[" + backend + "]";
  }
}
