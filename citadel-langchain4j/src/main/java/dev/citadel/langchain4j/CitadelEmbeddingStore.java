package dev.citadel.langchain4j;

import static dev.langchain4j.internal.ValidationUtils.ensureNotEmpty;
import static dev.langchain4j.internal.ValidationUtils.ensureNotNull;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.HybridSearchRequest;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.QueryRequest;
import dev.citadel.client.vector.ScrollPage;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import dev.citadel.client.vector.SparseTextEncoder;
import dev.citadel.client.vector.StoredPoint;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.langchain4j.internal.EmbeddingStoreFilters;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A LangChain4j {@link EmbeddingStore} of {@link TextSegment}s in one Qdrant collection, through
 * the SDK's {@link CitadelVectors} (its deadlines, retries, breaker, typed errors and batched
 * upserts, {@code qdrant.upsert.batch_size} points per request).
 *
 * <p>{@link Builder#build()} ensures the collection from its {@link CollectionSpec} (size,
 * distance, HNSW m and the payload indexes to filter on): created when missing, missing indexes
 * added when it exists, a collection with another size or distance refused
 * ({@code CollectionSpecConflictException}). Any string is accepted as an id: a UUID in canonical
 * form is the point id itself; any other string maps to a stable name-based UUID
 * ({@link PointId#fromKey}) and is kept in the payload under {@link #ID_KEY}, so searches return
 * the id that was given. The segment text is kept under {@link #TEXT_KEY} (the key LangChain4j's
 * own Qdrant store uses) and each metadata entry as a top-level payload field of the same name,
 * which is what filters address. Metadata numbers come back as {@code Long} or {@code Double}
 * (LangChain4j's typed getters convert), UUIDs as strings; payload values Metadata cannot hold
 * (lists, maps, booleans, nulls written by other clients) are left out of the segment.
 *
 * <p>Scores are LangChain4j relevance scores in [0, 1]: {@code (s + 1) / 2} of Qdrant's Cosine or
 * Dot score, {@code 1 / (1 + d)} of a Euclid or Manhattan distance; {@code minScore} is applied on
 * that scale. Filters: every LangChain4j comparison and logical filter (see
 * {@link EmbeddingStoreFilters}); an order comparison of strings, which Qdrant cannot express, is an
 * {@link InvalidArgumentException} naming the filter. Thread-safe.
 *
 * <p><b>Hybrid search</b> ({@link Builder#hybrid(boolean)}): LangChain4j's
 * {@link EmbeddingSearchRequest} carries the query text next to its embedding (its
 * {@code EmbeddingStoreContentRetriever} sets both). A hybrid store's collection also has the
 * sparse vector {@value HybridSearchRequest#DEFAULT_SPARSE_VECTOR} (BM25 term weights, Qdrant's
 * IDF modifier; added to the spec when it lacks it), each segment is written with the BM25 weights
 * of its text ({@link SparseTextEncoder#bm25()}), and a search with query text is
 * {@link CitadelVectors#hybridSearch}: the dense neighbours and the BM25 matches, fused by Qdrant
 * (RRF), so a rare exact token (a product code, an error number) the embedding blurs is still
 * found. Its scores are the fused scores, in (0, 1] (1 for a segment both rankings put first),
 * and {@code minScore} applies to them. A request without query text, or with no word the encoder
 * keeps, is answered by dense search alone, with the relevance scores above.
 *
 * <pre>{@code
 * EmbeddingStore<TextSegment> store = CitadelEmbeddingStore.builder(vectors)
 *     .collection(CollectionSpec.builder("handbook", 384).index("team", PayloadFieldType.KEYWORD).build())
 *     .build();
 * }</pre>
 */
public final class CitadelEmbeddingStore implements EmbeddingStore<TextSegment> {
  /** The payload key of the segment text. */
  public static final String TEXT_KEY = "text_segment";
  /** The payload key of the original id when it is not a canonical UUID. */
  public static final String ID_KEY = "citadel_id";

  private static final Set<String> RESERVED = Set.of(TEXT_KEY, ID_KEY);
  private static final int REMOVE_PAGE = 1000;

  private final CitadelVectors vectors;
  private final CollectionSpec spec;
  private final SparseTextEncoder encoder; // null unless hybrid

  private CitadelEmbeddingStore(Builder b, CollectionSpec spec) {
    this.vectors = b.vectors;
    this.spec = spec;
    this.encoder = b.hybrid ? SparseTextEncoder.bm25() : null;
  }

  /**
   * A builder over {@code vectors}, which stays the caller's (the store never closes it).
   */
  public static Builder builder(CitadelVectors vectors) {
    return new Builder(Objects.requireNonNull(vectors, "vectors"));
  }

  /** The collection this store writes to and searches (with the sparse vector when hybrid). */
  public CollectionSpec collection() {
    return spec;
  }

  /** Whether searches with query text fuse dense and BM25 sparse hits ({@link Builder#hybrid(boolean)}). */
  public boolean hybrid() {
    return encoder != null;
  }

  @Override
  public String add(Embedding embedding) {
    String id = UUID.randomUUID().toString();
    add(id, embedding);
    return id;
  }

  @Override
  public void add(String id, Embedding embedding) {
    write(List.of(id), List.of(embedding), null);
  }

  @Override
  public String add(Embedding embedding, TextSegment segment) {
    String id = UUID.randomUUID().toString();
    write(List.of(id), List.of(embedding), List.of(segment));
    return id;
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    List<String> ids = generateIds(embeddings.size());
    write(ids, embeddings, null);
    return ids;
  }

  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
    write(ids, embeddings, segments);
  }

  private void write(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
    ensureNotNull(ids, "ids");
    ensureNotNull(embeddings, "embeddings");
    if (ids.size() != embeddings.size() || (segments != null && segments.size() != embeddings.size())) {
      throw new InvalidArgumentException("embeddings", "ids, embeddings and segments must have the same size, were "
          + ids.size() + ", " + embeddings.size() + " and " + (segments == null ? "none" : segments.size()));
    }
    List<VectorPoint> points = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      PointId pointId = PointId.fromKey(id);
      Map<String, Object> payload = new LinkedHashMap<>();
      TextSegment segment = segments == null ? null : segments.get(i);
      if (segment != null) {
        for (Map.Entry<String, Object> e : segment.metadata().toMap().entrySet()) {
          if (RESERVED.contains(e.getKey())) {
            throw new InvalidArgumentException("metadata", "the key '" + e.getKey()
                + "' is reserved by the Citadel embedding store");
          }
          payload.put(e.getKey(), e.getValue());
        }
        payload.put(TEXT_KEY, segment.text());
      }
      if (!pointId.toString().equals(id)) {
        payload.put(ID_KEY, id);
      }
      VectorPoint point = new VectorPoint(pointId, embeddings.get(i).vector(), payload);
      points.add(encoder == null || segment == null ? point
          : point.withSparse(HybridSearchRequest.DEFAULT_SPARSE_VECTOR, encoder.document(segment.text())));
    }
    vectors.upsert(spec.name(), points);
  }

  @Override
  public void removeAll(Collection<String> ids) {
    ensureNotEmpty(ids, "ids");
    vectors.delete(spec.name(), ids.stream().map(PointId::fromKey).toList());
  }

  @Override
  public void removeAll(Filter filter) {
    ensureNotNull(filter, "filter");
    vectors.deleteMatching(spec.name(), EmbeddingStoreFilters.toVectorFilter(filter));
  }

  /**
   * Removes every point of the collection in one pass over its ids, page by page; the collection
   * and its indexes stay. Points added meanwhile may or may not be removed.
   */
  @Override
  public void removeAll() {
    PointId offset = null;
    do {
      ScrollPage page = vectors.scroll(spec.name(), VectorFilter.none(), offset, REMOVE_PAGE);
      if (!page.points().isEmpty()) {
        vectors.delete(spec.name(), page.points().stream().map(StoredPoint::id).toList());
      }
      offset = page.nextOffset();
    } while (offset != null);
  }

  @Override
  public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
    ensureNotNull(request, "request");
    String text = request.query();
    if (encoder != null && text != null && encoder.query(text).size() > 0) {
      return hybridSearch(request, text);
    }
    SearchRequest.Builder search = SearchRequest.builder(request.queryEmbedding().vector())
        .limit(request.maxResults())
        .filter(EmbeddingStoreFilters.toVectorFilter(request.filter()))
        .withPayload(true)
        .withVector(true);
    if (request.minScore() > 0) {
      search.scoreThreshold(nativeThreshold(request.minScore()));
    }
    List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
    for (SearchHit hit : vectors.search(spec.name(), search.build())) {
      double score = relevance(hit.score());
      if (score >= request.minScore()) {
        matches.add(match(hit, score));
      }
    }
    return new EmbeddingSearchResult<>(matches);
  }

  private EmbeddingSearchResult<TextSegment> hybridSearch(EmbeddingSearchRequest request, String text) {
    // The SDK's hybrid query (dense and sparse prefetches, fused), asking for the vectors too.
    QueryRequest fused = HybridSearchRequest.builder(text, request.queryEmbedding().vector())
        .limit(request.maxResults()).filter(EmbeddingStoreFilters.toVectorFilter(request.filter())).encoder(encoder)
        .build().toQuery();
    fused = new QueryRequest(fused.query(), fused.using(), fused.prefetch(), fused.filter(), fused.limit(),
        fused.offset(), fused.scoreThreshold(), true, true);
    List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
    for (SearchHit hit : vectors.query(spec.name(), fused)) {
      if (hit.score() >= request.minScore()) {
        matches.add(match(hit, hit.score()));
      }
    }
    return new EmbeddingSearchResult<>(matches);
  }

  private static EmbeddingMatch<TextSegment> match(SearchHit hit, double score) {
    return new EmbeddingMatch<>(score, idOf(hit), hit.vector() == null ? null : Embedding.from(hit.vector()),
        segmentOf(hit.payload()));
  }

  private double relevance(float nativeScore) {
    return switch (spec.distance()) {
      case COSINE, DOT -> (nativeScore + 1d) / 2d;
      default -> 1d / (1d + nativeScore);
    };
  }

  /** Qdrant's threshold for a relevance floor, a little looser: the exact floor is applied after. */
  private Float nativeThreshold(double minScore) {
    if (spec.distance() == Distance.COSINE || spec.distance() == Distance.DOT) {
      return (float) (2 * minScore - 1 - 1e-6);
    }
    return minScore >= 1 ? 1e-6f : (float) (1 / minScore - 1 + 1e-6);
  }

  private static String idOf(SearchHit hit) {
    Object original = hit.payload().get(ID_KEY);
    return original instanceof String s ? s : hit.id().toString();
  }

  private static TextSegment segmentOf(Map<String, Object> payload) {
    Object text = payload.get(TEXT_KEY);
    if (!(text instanceof String s)) {
      return null;
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    payload.forEach((k, v) -> {
      if (!RESERVED.contains(k) && (v instanceof String || v instanceof Long || v instanceof Double)) {
        metadata.put(k, v);
      }
    });
    return TextSegment.from(s, new Metadata(metadata));
  }

  @Override
  public String toString() {
    return "CitadelEmbeddingStore[" + spec.name() + "]";
  }

  /** Builder of {@link CitadelEmbeddingStore}; not thread-safe. */
  public static final class Builder {
    private final CitadelVectors vectors;
    private CollectionSpec spec;
    private boolean ensureCollection = true;
    private boolean hybrid;

    private Builder(CitadelVectors vectors) {
      this.vectors = vectors;
    }

    /**
     * The collection: its name, vector size (the embedding model's dimension), distance and the
     * metadata keys to index. Required.
     */
    public Builder collection(CollectionSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /** {@link #collection(CollectionSpec)} with Cosine distance and no payload indexes. */
    public Builder collection(String name, int dimension) {
      return collection(CollectionSpec.builder(name, dimension).build());
    }

    /**
     * Whether {@link #build()} ensures the collection and its indexes (default true). Turn it
     * off only where another component owns the collection.
     */
    public Builder ensureCollection(boolean value) {
      this.ensureCollection = value;
      return this;
    }

    /**
     * Whether searches with query text fuse the dense hits with BM25 matches of the text (default
     * false); see the class comment. The collection then needs the sparse vector
     * {@value HybridSearchRequest#DEFAULT_SPARSE_VECTOR}: {@link #build()} adds it to the spec,
     * and ensuring a collection created without it fails with
     * {@code CollectionSpecConflictException}. Segments written before need writing again.
     */
    public Builder hybrid(boolean value) {
      this.hybrid = value;
      return this;
    }

    /**
     * The store, after ensuring its collection.
     *
     * @throws InvalidArgumentException when no collection was given, or a hybrid store's
     *     collection has named dense vectors (the store writes the unnamed one)
     * @throws dev.citadel.client.vector.CollectionSpecConflictException when the collection exists
     *     with another vector size or distance
     */
    public CitadelEmbeddingStore build() {
      if (spec == null) {
        throw new InvalidArgumentException("collection", "is required (a CollectionSpec or a name and dimension)");
      }
      CollectionSpec effective = hybrid ? HybridSearchRequest.collectionFor(spec) : spec;
      if (ensureCollection) {
        vectors.ensure(effective);
      }
      return new CitadelEmbeddingStore(this, effective);
    }
  }
}
