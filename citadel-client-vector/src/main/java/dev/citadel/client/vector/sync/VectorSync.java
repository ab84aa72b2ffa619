package dev.citadel.client.vector.sync;

import dev.citadel.client.CitadelException;
import dev.citadel.client.ConfigException;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.QueryException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.db.Database;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.DimensionMismatchException;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.InvalidVectorException;
import dev.citadel.client.vector.VectorException;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import dev.citadel.client.vector.internal.Futures;
import dev.citadel.client.vector.internal.RankFusion;
import dev.citadel.client.vector.sync.internal.ChunkTextSearch;
import dev.citadel.client.vector.sync.internal.OutboxRelay;
import dev.citadel.client.vector.sync.internal.Reconciler;
import dev.citadel.client.vector.sync.internal.SyncStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Qdrant in step with the metadata in PostgreSQL (seed 002). PostgreSQL is the source of
 * truth: {@code collections} and {@code vector_metadata} (with each point's vector) describe
 * what Qdrant should hold. Writing or deleting a document changes those rows and adds an outbox
 * record in one PostgreSQL transaction, so a document is either recorded with its outbox record
 * or not at all, whether Qdrant is up or not. The relay ({@link #relay()}, or
 * {@link #startRelay()} in the background) pushes outbox records to Qdrant with retries and marks
 * them done; point ids are stable (derived from file id and chunk index), so a record pushed
 * twice changes nothing. {@link #reconcile} compares both sides per collection and repairs on
 * request.
 *
 * <p>Ordering: any number of relays (one per replica) may run against one database. For every
 * point, once writes stop and the relays drain, Qdrant holds the last state committed in
 * PostgreSQL: each push re-reads the rows' write stamps after Qdrant answered and queues again
 * every point written meanwhile. Writes to {@code vector_metadata} that do not come through this
 * class ({@code Metadata.vectors()}) are queued by a trigger, and deleting a collection row queues
 * the drop of its Qdrant collection.
 *
 * <p>Full text: {@link #searchText} ranks the chunks PostgreSQL holds with its text search (each
 * collection in its language, {@code qdrant.sync.text_search_config}); {@link #hybridSearch}
 * fuses those hits with Qdrant's dense hits by Reciprocal Rank Fusion.
 *
 * <p>Requires the vector module's migrations V1 to V4 (applied by {@code db.migrate()}). Thread-safe. Neither the database nor the
 * vector client is closed by {@link #close()}, which stops the background relay only.
 *
 * <pre>{@code
 * VectorSync sync = VectorSync.create(db, vectors);
 * sync.registerCollection(CollectionSpec.DOCUMENTS);
 * sync.writeDocument("documents", fileId, chunks);   // PostgreSQL only, one transaction
 * sync.startRelay();                                   // pushes to Qdrant, retries while it is down
 * System.out.println(sync.reconcile(ReconcileMode.REPORT));  // Collections synchronized: 1
 * }</pre>
 */
public final class VectorSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VectorSync.class);

  private final Database db;
  private final CitadelVectors vectors;
  private final SyncStore store;
  private final OutboxRelay relay;
  private final Reconciler reconciler;
  private final ChunkTextSearch text;
  private ScheduledExecutorService background;

  private VectorSync(Database db, CitadelVectors vectors) {
    this.db = db;
    this.vectors = vectors;
    this.store = new SyncStore(db);
    this.relay = new OutboxRelay(db, vectors, store);
    this.reconciler = new Reconciler(db, vectors, store);
    this.text = new ChunkTextSearch(db);
  }

  /**
   * Sync between {@code db} (its {@code database.metadata_schema}) and {@code vectors}; both stay
   * the caller's. Relay settings come from {@code qdrant.sync.*}. Opens nothing.
   */
  public static VectorSync create(Database db, CitadelVectors vectors) {
    return new VectorSync(Objects.requireNonNull(db, "db"), Objects.requireNonNull(vectors, "vectors"));
  }

  /**
   * Records the collection in PostgreSQL (its size, distance, HNSW m, payload indexes and text search
   * configuration, {@code qdrant.sync.text_search_config}) unless
   * it is there, then ensures it in Qdrant. Idempotent.
   *
   * @return the collection's id in {@code collections}
   * @throws VectorException when PostgreSQL or Qdrant holds it with another size or distance
   * @throws InvalidArgumentException for a spec with named or sparse vectors (the sync keeps one
   *     unnamed dense vector per chunk)
   * @throws ConfigException when PostgreSQL has no text search configuration named by
   *     {@code qdrant.sync.text_search_config} (nothing is recorded)
   * @throws UnavailableException when Qdrant is unreachable (the PostgreSQL row is kept; call
   *     again later)
   */
  public UUID registerCollection(CollectionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.hasNamedVectors() || !spec.sparseVectors().isEmpty()) {
      // The relay upserts whole points from vector_metadata (one dense vector each): it would
      // wipe any other vector a point had in Qdrant.
      throw new InvalidArgumentException("spec", "collection '" + spec.name() + "' has named or sparse vectors; "
          + "VectorSync keeps one unnamed dense vector per chunk (for the lexical half of a hybrid, use its "
          + "PostgreSQL full text: VectorSync.hybridSearch)");
    }
    String language = vectors.config().sync().textSearchConfig();
    UUID id;
    try {
      id = db.inTransaction(tx -> store.register(tx, spec, language));
    } catch (QueryException e) {
      if (!"42704".equals(e.sqlState())) {
        throw e;
      }
      ConfigException refused = new ConfigException("qdrant.sync.text_search_config", "PostgreSQL has no text search"
          + " configuration '" + language + "' (SELECT cfgname FROM pg_ts_config lists those it has)");
      refused.initCause(e);
      throw refused;
    }
    vectors.ensure(spec);
    return id;
  }

  /**
   * Replaces document {@code fileId} in {@code collection} by {@code chunks}: their
   * {@code vector_metadata} rows (payload, content hash, vector) are upserted, rows of chunks it
   * no longer has are deleted, and an outbox record covering both is added, in one transaction.
   * Qdrant is not called; the relay pushes the record. Concurrent writes (and deletes) of one
   * document are applied one after the other, never mixing chunks of two versions.
   *
   * @throws InvalidVectorException for an empty, NaN or infinite vector (nothing is written)
   * @throws DimensionMismatchException for a vector of the wrong size (nothing is written)
   * @throws VectorException when the collection is not registered
   */
  public DocumentWrite writeDocument(String collection, UUID fileId, List<DocumentChunk> chunks) {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(fileId, "fileId");
    List<DocumentChunk> copy = new ArrayList<>(chunks);
    return db.inTransaction(tx -> store.writeDocument(tx, collection, fileId, copy));
  }

  /**
   * Deletes document {@code fileId}'s rows from {@code collection} and adds an outbox record that
   * removes its points from Qdrant, in one transaction.
   *
   * @throws VectorException when the collection is not registered
   */
  public DocumentWrite deleteDocument(String collection, UUID fileId) {
    return db.inTransaction(tx -> store.deleteDocument(tx, collection, fileId));
  }

  /**
   * One relay pass: deletes done outbox records older than {@code qdrant.sync.retention}, then
   * leases up to {@code qdrant.sync.batch_size} due records (no transaction stays open while
   * Qdrant is called), pushes them and marks them done. While Qdrant is unavailable the records
   * stay pending (with a backoff of {@code qdrant.sync.interval} doubling per outage pass, at most
   * a minute; outages never count as attempts) and the pass returns; a record Qdrant rejects is
   * retried the same way, then marked failed after {@code qdrant.sync.max_attempts} rejections.
   *
   * @throws CitadelException when PostgreSQL fails (nothing is lost: records stay pending; those
   *     this pass had leased are due again when the lease ends, at least a minute)
   */
  public RelayResult relay() {
    return relay.relayOnce();
  }

  /**
   * Runs {@link #relay()} until nothing due is left (or a pass makes no progress). Useful after
   * an outage and in tests.
   *
   * @return the totals over all passes; {@code pending} as after the last
   */
  public RelayResult drain() {
    int pushed = 0;
    int deferred = 0;
    int failed = 0;
    RelayResult pass;
    do {
      pass = relay.relayOnce();
      pushed += pass.pushed();
      deferred += pass.deferred();
      failed += pass.failed();
    } while (pass.pushed() + pass.failed() > 0 && pass.deferred() == 0 && pass.pending() > 0);
    return new RelayResult(pushed, deferred, failed, pass.pending());
  }

  /**
   * Starts relaying in the background, one daemon thread draining the outbox every
   * {@code qdrant.sync.interval}, until {@link #close()}. Failures are logged, never thrown.
   * Calling it again does nothing.
   */
  public synchronized void startRelay() {
    if (background != null) {
      return;
    }
    background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "citadel-vector-sync-relay");
      t.setDaemon(true);
      return t;
    });
    long interval = vectors.config().sync().interval().toMillis();
    background.scheduleWithFixedDelay(this::relayQuietly, 0, interval, TimeUnit.MILLISECONDS);
    LOG.info("vector sync: relay started, every {} ms", interval);
  }

  private void relayQuietly() {
    try {
      drain();
    } catch (RuntimeException e) {
      LOG.warn("vector sync: relay pass failed, retrying in {}: {}", vectors.config().sync().interval(), e.toString());
    }
  }

  /**
   * Full-text search over the chunks of {@code collection} that PostgreSQL holds (their
   * {@code content}, tokenized in the collection's text search configuration, recorded at
   * registration from {@code qdrant.sync.text_search_config}): the best chunks by
   * {@code ts_rank_cd} (cover density: more query words, closer together, rank higher; not
   * normalised, so compare scores within one result only), filtered like vector search. Reads
   * PostgreSQL only, so it sees committed writes at once, before the relay pushes them. At most
   * 1,000 candidates (or offset + limit) are ranked, so the work does not grow with the matches:
   * any-word candidates are the chunks holding every word, then those of the rarest words first;
   * web-search candidates the first matches in table order. When fewer chunks match, all are
   * ranked (the vector module's README states the trade-off).
   *
   * @return hits with the point id, the rank as score and the stored payload (no vector)
   * @throws VectorException when the collection is not registered
   */
  public List<SearchHit> searchText(String collection, TextSearchRequest request) {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(request, "request");
    return text.search(db, collection, request);
  }

  /**
   * Hybrid search: {@link #searchText} and Qdrant's nearest neighbours of the request's vector
   * ({@link CitadelVectors#search}), each the best {@code candidates} under the same filter, fused
   * by Reciprocal Rank Fusion (a hit at 0-based rank r of a list adds 1 / (k + r); Qdrant's formula
   * and default k = 2). A chunk both sources rank first scores 2 / k.
   *
   * @return the best {@code limit} fused hits; score is the fused score; the payload is
   *     PostgreSQL's (Qdrant's for a point only Qdrant holds)
   * @throws VectorException when the collection is not registered
   * @throws dev.citadel.client.vector.DimensionMismatchException for a vector of the wrong size
   * @throws UnavailableException when Qdrant is unreachable (no partial, text-only answer)
   */
  public List<SearchHit> hybridSearch(String collection, HybridTextRequest request) {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(request, "request");
    var dense = vectors.async().search(collection, SearchRequest.builder(request.vector())
        .limit(request.candidates()).filter(request.filter()).build());
    List<SearchHit> textHits;
    try {
      textHits = text.search(db, collection, request.textPart());
    } catch (RuntimeException e) {
      dense.cancel(true);
      throw e;
    }
    List<SearchHit> denseHits = Futures.await(dense);
    return RankFusion.rrf(List.of(textHits, denseHits), request.rrfK(), request.limit());
  }

  /** Outbox records not yet pushed (due or backing off). */
  public long pendingCount() {
    return store.pending(db);
  }

  /**
   * Compares every collection registered in PostgreSQL with Qdrant, point by point (missing,
   * orphan, payload drift), and with {@link ReconcileMode#REPAIR} makes Qdrant match. Safe while
   * writers and relays run: a point is deleted from Qdrant only if PostgreSQL has no row for it
   * when the repair pushes, and a point written during the repair is queued for the relay again.
   * Points written while it runs may be reported as drift; pending records are counted in each
   * entry.
   *
   * @throws UnavailableException when Qdrant is unreachable
   */
  public SyncReport reconcile(ReconcileMode mode) {
    List<CollectionDrift> out = new ArrayList<>();
    for (SyncStore.CollectionRow row : store.collections(db)) {
      out.add(reconciler.reconcile(row, mode));
    }
    return new SyncReport(mode, out);
  }

  /**
   * {@link #reconcile(ReconcileMode)} for one collection.
   *
   * @throws VectorException when it is not registered in PostgreSQL
   */
  public CollectionDrift reconcile(String collection, ReconcileMode mode) {
    SyncStore.CollectionRow row = store.collection(db, collection).orElseThrow(() -> new VectorException(collection,
        "collection '" + collection + "' is not registered in PostgreSQL", null));
    return reconciler.reconcile(row, mode);
  }

  /** Stops the background relay (waits up to 10 s for a pass to finish); idempotent. */
  @Override
  public synchronized void close() {
    if (background == null) {
      return;
    }
    background.shutdown();
    try {
      if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
        background.shutdownNow();
      }
    } catch (InterruptedException e) {
      background.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      background = null;
      LOG.info("vector sync: relay stopped");
    }
  }
}
