package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.Objects;

/**
 * A hybrid search in Qdrant: the nearest points to a dense query vector and the best lexical
 * matches of the query text (its sparse vector from a {@link SparseTextEncoder}), each taking its
 * best {@code candidates}, fused server-side by Qdrant's Query API. Immutable (the vector is
 * copied in).
 *
 * @param text the query text, encoded with {@code encoder.query(text)}
 * @param vector the dense query embedding
 * @param denseVector the named dense vector to search, or null for the unnamed one
 * @param sparseVector the named sparse vector holding the documents' term weights (default
 *     {@link #DEFAULT_SPARSE_VECTOR})
 * @param limit fused hits to return, at least 1 (default 10)
 * @param candidates hits each prefetch passes to the fusion, at least {@code limit} (default 4 x
 *     limit, at least 20)
 * @param filter payload conditions applied to both prefetches (default none)
 * @param fusion how the two rankings are fused (default {@link Fusion#RRF})
 * @param encoder the text encoder, the one the documents were encoded with (default
 *     {@link SparseTextEncoder#bm25()})
 */
public record HybridSearchRequest(String text, float[] vector, String denseVector, String sparseVector, int limit,
    int candidates, VectorFilter filter, Fusion fusion, SparseTextEncoder encoder) {

  /** Default name of the sparse vector. */
  public static final String DEFAULT_SPARSE_VECTOR = "text";

  /**
   * The collection a hybrid search over {@code spec}'s unnamed dense vector needs: {@code spec}
   * with the sparse vector {@link #DEFAULT_SPARSE_VECTOR} (IDF modifier) added when it is missing.
   *
   * @throws InvalidArgumentException naming {@code collection} when {@code spec} has named dense
   *     vectors
   */
  public static CollectionSpec collectionFor(CollectionSpec spec) {
    if (spec.hasNamedVectors()) {
      throw new InvalidArgumentException("collection", "a hybrid store searches the unnamed dense vector, but "
          + spec.name() + " has named vectors");
    }
    return spec.sparseVectors().containsKey(DEFAULT_SPARSE_VECTOR)
        ? spec
        : spec.toBuilder().sparseVector(DEFAULT_SPARSE_VECTOR, SparseModifier.IDF).build();
  }

  /** Validates and copies the vector. */
  public HybridSearchRequest {
    Objects.requireNonNull(text, "text");
    vector = Objects.requireNonNull(vector, "vector").clone();
    if (denseVector != null && denseVector.isEmpty()) {
      denseVector = null;
    }
    Objects.requireNonNull(sparseVector, "sparseVector");
    if (limit < 1) {
      throw new InvalidArgumentException("limit", "must be at least 1, was " + limit);
    }
    if (candidates < limit) {
      throw new InvalidArgumentException("candidates", "must be at least limit (" + limit + "), was " + candidates);
    }
    filter = filter == null ? VectorFilter.none() : filter;
    Objects.requireNonNull(fusion, "fusion");
    Objects.requireNonNull(encoder, "encoder");
  }

  /** A builder for {@code text} and {@code vector} with the defaults. */
  public static Builder builder(String text, float[] vector) {
    return new Builder(text, vector);
  }

  /** The Query API request: two prefetches (dense, sparse) under the filter, fused. */
  public QueryRequest toQuery() {
    Prefetch dense = Prefetch.builder(Query.nearest(vector)).using(denseVector).filter(filter).limit(candidates)
        .build();
    Prefetch sparse = Prefetch.builder(Query.nearest(encoder.query(text))).using(sparseVector).filter(filter)
        .limit(candidates).build();
    return QueryRequest.builder(Query.fusion(fusion)).prefetch(dense).prefetch(sparse).limit(limit).build();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String text;
    private final float[] vector;
    private String denseVector;
    private String sparseVector = DEFAULT_SPARSE_VECTOR;
    private int limit = SearchRequest.DEFAULT_LIMIT;
    private Integer candidates;
    private VectorFilter filter = VectorFilter.none();
    private Fusion fusion = Fusion.RRF;
    private SparseTextEncoder encoder = SparseTextEncoder.bm25();

    private Builder(String text, float[] vector) {
      this.text = text;
      this.vector = vector;
    }

    /** The named dense vector; null for the unnamed one. */
    public Builder denseVector(String value) {
      this.denseVector = value;
      return this;
    }

    /** The named sparse vector. */
    public Builder sparseVector(String value) {
      this.sparseVector = value;
      return this;
    }

    /** Fused hits to return. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Hits each prefetch passes on; default 4 x limit, at least 20. */
    public Builder candidates(int value) {
      this.candidates = value;
      return this;
    }

    /** Payload conditions for both prefetches. */
    public Builder filter(VectorFilter value) {
      this.filter = value;
      return this;
    }

    /** The fusion. */
    public Builder fusion(Fusion value) {
      this.fusion = value;
      return this;
    }

    /** The text encoder. */
    public Builder encoder(SparseTextEncoder value) {
      this.encoder = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException naming the bad field
     */
    public HybridSearchRequest build() {
      return new HybridSearchRequest(text, vector, denseVector, sparseVector, limit,
          candidates != null ? candidates : Math.max(20, 4 * limit), filter, fusion, encoder);
    }
  }
}
