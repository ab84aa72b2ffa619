package dev.citadel.spring.ai;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.HybridSearchRequest;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SparseTextEncoder;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.spring.ai.internal.VectorStoreFilters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.observation.conventions.VectorStoreProvider;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A Spring AI {@code VectorStore} over one Qdrant collection, through the SDK's
 * {@link CitadelVectors} (its deadlines, retries, breaker, typed errors and upsert batches), with
 * Spring AI's observations ({@link AbstractObservationVectorStore}).
 *
 * <p>{@link Builder#build()} ensures the collection from its {@link CollectionSpec} (size,
 * distance, HNSW m, payload indexes): created when missing, missing indexes added when it exists,
 * never recreated ({@code CollectionSpecConflictException} for another size or distance). Any
 * string is accepted as a document id: a canonical UUID is the point id itself, any other string
 * maps to a stable name-based UUID ({@link PointId#fromKey}) and is kept in the payload under
 * {@link #ID_KEY}; searches return the document with the id it was added with. The text is kept
 * under {@link #CONTENT_KEY} (the key of Spring AI's own Qdrant store), each metadata entry as a
 * top-level payload field, which is what filter expressions address.
 *
 * <p>{@link #add} embeds the documents in the batches of the {@code BatchingStrategy} (default
 * Spring AI's token-count strategy) and writes each batch as it is embedded. Scores are Qdrant's
 * for Cosine and Dot (the {@code similarityThreshold} is passed as Qdrant's score threshold; the
 * default 0.0 means none), {@code 1 / (1 + d)} of a Euclid or Manhattan distance; each document
 * also carries the metadata {@code distance} ({@code 1 - score}). Filters: see
 * {@link VectorStoreFilters}. Thread-safe.
 *
 * <p><b>Hybrid search</b> ({@link Builder#hybrid(boolean)}, property
 * {@code citadel.ai.vectorstore.hybrid}): the collection also has the sparse vector
 * {@value HybridSearchRequest#DEFAULT_SPARSE_VECTOR} (BM25 term weights, Qdrant's IDF modifier;
 * added to the spec when it lacks it), each document is written with the BM25 weights of its text
 * ({@link SparseTextEncoder#bm25()}), and {@code similaritySearch} answers with
 * {@link CitadelVectors#hybridSearch}: the dense neighbours of the query's embedding and the BM25
 * matches of its text, fused by Qdrant (RRF), so a rare exact token (a product code, an error
 * number) the embedding blurs is still found. A document's score is then the fused score (1.0 for
 * one both rankings put first, falling with the ranks), and the similarity threshold applies to
 * it. A query text with no word the encoder keeps (blank, stop words only) is answered by dense
 * search alone, with its scores.
 */
public final class CitadelVectorStore extends AbstractObservationVectorStore {
  /** The payload key of the document text. */
  public static final String CONTENT_KEY = "doc_content";
  /** The payload key of the original document id when it is not a canonical UUID. */
  public static final String ID_KEY = "citadel_id";

  private static final Set<String> RESERVED = Set.of(CONTENT_KEY, ID_KEY);

  private final CitadelVectors vectors;
  private final CollectionSpec spec;
  private final SparseTextEncoder encoder; // null unless hybrid

  private CitadelVectorStore(Builder b, CollectionSpec spec) {
    super(b);
    this.vectors = b.vectors;
    this.spec = spec;
    this.encoder = b.hybrid ? SparseTextEncoder.bm25() : null;
  }

  /**
   * A builder over {@code vectors} (stays the caller's; the store never closes it) embedding with
   * {@code embeddingModel}.
   */
  public static Builder builder(CitadelVectors vectors, org.springframework.ai.embedding.EmbeddingModel embeddingModel) {
    return new Builder(Objects.requireNonNull(vectors, "vectors"), Objects.requireNonNull(embeddingModel, "embeddingModel"));
  }

  /** The collection this store writes to and searches (with the sparse vector when hybrid). */
  public CollectionSpec collection() {
    return spec;
  }

  /** Whether searches fuse dense and BM25 sparse hits ({@link Builder#hybrid(boolean)}). */
  public boolean hybrid() {
    return encoder != null;
  }

  @Override
  public void doAdd(List<Document> documents) {
    Objects.requireNonNull(documents, "documents");
    for (List<Document> batch : batchingStrategy.batch(documents)) {
      List<String> texts = batch.stream().map(embeddingModel::getEmbeddingContent).toList();
      EmbeddingResponse response = embeddingModel.call(new EmbeddingRequest(texts, null));
      List<VectorPoint> points = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        VectorPoint point = point(batch.get(i), response.getResults().get(i).getOutput());
        String text = batch.get(i).getText();
        points.add(encoder == null || text == null ? point
            : point.withSparse(HybridSearchRequest.DEFAULT_SPARSE_VECTOR, encoder.document(text)));
      }
      vectors.upsert(spec.name(), points);
    }
  }

  private static VectorPoint point(Document document, float[] vector) {
    String id = document.getId();
    PointId pointId = PointId.fromKey(id);
    Map<String, Object> payload = new LinkedHashMap<>();
    document.getMetadata().forEach((k, v) -> {
      if (RESERVED.contains(k)) {
        throw new InvalidArgumentException("metadata", "the key '" + k + "' is reserved by the Citadel vector store");
      }
      payload.put(k, v);
    });
    payload.put(CONTENT_KEY, document.getText());
    if (!pointId.toString().equals(id)) {
      payload.put(ID_KEY, id);
    }
    return new VectorPoint(pointId, vector, payload);
  }

  @Override
  public void doDelete(List<String> ids) {
    Objects.requireNonNull(ids, "ids");
    if (!ids.isEmpty()) {
      vectors.delete(spec.name(), ids.stream().map(PointId::fromKey).toList());
    }
  }

  @Override
  protected void doDelete(Filter.Expression filterExpression) {
    Objects.requireNonNull(filterExpression, "filterExpression");
    vectors.deleteMatching(spec.name(), VectorStoreFilters.toVectorFilter(filterExpression));
  }

  @Override
  public List<Document> doSimilaritySearch(SearchRequest request) {
    float[] query = embeddingModel.embed(request.getQuery());
    VectorFilter filter = VectorStoreFilters.toVectorFilter(request.getFilterExpression());
    double threshold = request.getSimilarityThreshold();
    boolean acceptAll = threshold == SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL;
    List<SearchHit> hits;
    boolean fused = encoder != null && request.getQuery() != null && encoder.query(request.getQuery()).size() > 0;
    if (fused) {
      hits = vectors.hybridSearch(spec.name(), HybridSearchRequest.builder(request.getQuery(), query)
          .limit(request.getTopK()).filter(filter).encoder(encoder).build());
    } else {
      dev.citadel.client.vector.SearchRequest.Builder search = dev.citadel.client.vector.SearchRequest.builder(query)
          .limit(request.getTopK()).filter(filter).withPayload(true);
      if (!acceptAll) {
        search.scoreThreshold(nativeThreshold(threshold));
      }
      hits = vectors.search(spec.name(), search.build());
    }
    List<Document> documents = new ArrayList<>();
    for (SearchHit hit : hits) {
      double score = fused ? hit.score() : score(hit.score());
      if (acceptAll || score >= threshold) {
        documents.add(document(hit, score));
      }
    }
    return documents;
  }

  private double score(float nativeScore) {
    return spec.distance() == Distance.COSINE || spec.distance() == Distance.DOT ? nativeScore : 1d / (1d + nativeScore);
  }

  /** Qdrant's threshold for a score floor, a little looser: the exact floor is applied after. */
  private float nativeThreshold(double threshold) {
    if (spec.distance() == Distance.COSINE || spec.distance() == Distance.DOT) {
      return (float) (threshold - 1e-6);
    }
    return threshold >= 1 ? 1e-6f : (float) (1 / threshold - 1 + 1e-6);
  }

  private static Document document(SearchHit hit, double score) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    hit.payload().forEach((k, v) -> {
      if (!RESERVED.contains(k) && v != null) {
        metadata.put(k, v);
      }
    });
    metadata.put(DocumentMetadata.DISTANCE.value(), 1 - score);
    Object id = hit.payload().get(ID_KEY);
    Object text = hit.payload().get(CONTENT_KEY);
    return Document.builder()
        .id(id instanceof String s ? s : hit.id().toString())
        .text(text instanceof String s ? s : null)
        .metadata(metadata)
        .score(score)
        .build();
  }

  @Override
  public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
    return VectorStoreObservationContext.builder(VectorStoreProvider.QDRANT.value(), operationName)
        .collectionName(spec.name())
        .dimensions(spec.vectorSize())
        .similarityMetric(metric().value());
  }

  private VectorStoreSimilarityMetric metric() {
    return switch (spec.distance()) {
      case COSINE -> VectorStoreSimilarityMetric.COSINE;
      case DOT -> VectorStoreSimilarityMetric.DOT;
      case EUCLID -> VectorStoreSimilarityMetric.EUCLIDEAN;
      case MANHATTAN -> VectorStoreSimilarityMetric.MANHATTAN;
    };
  }

  /** The SDK client this store works through. */
  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> getNativeClient() {
    return Optional.of((T) vectors);
  }

  @Override
  public String toString() {
    return "CitadelVectorStore[" + spec.name() + "]";
  }

  /** Builder of {@link CitadelVectorStore}; not thread-safe. */
  public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
    private final CitadelVectors vectors;
    private CollectionSpec spec;
    private boolean ensureCollection = true;
    private boolean hybrid;

    private Builder(CitadelVectors vectors, org.springframework.ai.embedding.EmbeddingModel embeddingModel) {
      super(embeddingModel);
      this.vectors = vectors;
    }

    /** The collection: name, vector size (the model's dimensions), distance, payload indexes. Required. */
    public Builder collection(CollectionSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /** {@link #collection(CollectionSpec)} with Cosine distance, no payload indexes, the model's dimensions. */
    public Builder collection(String name) {
      return collection(CollectionSpec.builder(name, embeddingModel.dimensions()).build());
    }

    /** Whether {@link #build()} ensures the collection and its indexes (default true). */
    public Builder ensureCollection(boolean value) {
      this.ensureCollection = value;
      return this;
    }

    /**
     * Whether {@code similaritySearch} fuses the dense hits with BM25 matches of the query text
     * (default false); see the class comment. The collection then needs the sparse vector
     * {@value HybridSearchRequest#DEFAULT_SPARSE_VECTOR}: {@link #build()} adds it to the spec,
     * and ensuring a collection created without it fails with
     * {@code CollectionSpecConflictException}. Documents written before need writing again.
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
    @Override
    public CitadelVectorStore build() {
      if (spec == null) {
        throw new InvalidArgumentException("collection", "is required (a CollectionSpec or a name)");
      }
      CollectionSpec effective = hybrid ? HybridSearchRequest.collectionFor(spec) : spec;
      if (ensureCollection) {
        vectors.ensure(effective);
      }
      return new CitadelVectorStore(this, effective);
    }
  }
}
