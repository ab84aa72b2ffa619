package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.Objects;

/**
 * A top-k search: the query vector, how many hits, which points qualify, the worst acceptable
 * score, and what each hit carries. Immutable (the vector is copied in).
 *
 * @param vector the query embedding; its size must be the collection's
 * @param limit hits to return, at least 1 (default 10)
 * @param offset best hits to skip first, for paging (default 0)
 * @param filter payload conditions (default none)
 * @param scoreThreshold for Cosine and Dot the lowest score kept, for Euclid and Manhattan the
 *     largest distance kept (exclusive, as in Qdrant); null for none
 * @param withPayload whether hits carry their payload (default true)
 * @param withVector whether hits carry their vector (default false)
 * @param using the named dense vector to search, or null for the unnamed one (default)
 * @param hnswEf the HNSW search beam ({@code hnsw_ef}): larger finds more of the true nearest
 *     points and takes longer; null for the server's default ({@code ef_construct})
 */
public record SearchRequest(float[] vector, int limit, int offset, VectorFilter filter, Float scoreThreshold,
    boolean withPayload, boolean withVector, String using, Integer hnswEf) {

  /** Default number of hits. */
  public static final int DEFAULT_LIMIT = 10;

  /** Validates and copies the vector. */
  public SearchRequest {
    vector = Objects.requireNonNull(vector, "vector").clone();
    if (limit < 1) {
      throw new InvalidArgumentException("limit", "must be at least 1, was " + limit);
    }
    if (offset < 0) {
      throw new InvalidArgumentException("offset", "must not be negative, was " + offset);
    }
    filter = filter == null ? VectorFilter.none() : filter;
    if (using != null && using.isEmpty()) {
      using = null;
    }
    if (hnswEf != null && hnswEf < 1) {
      throw new InvalidArgumentException("hnswEf", "must be at least 1 (or null for the server's default), was "
          + hnswEf);
    }
  }

  /** A search with the server's default beam. */
  public SearchRequest(float[] vector, int limit, int offset, VectorFilter filter, Float scoreThreshold,
      boolean withPayload, boolean withVector, String using) {
    this(vector, limit, offset, filter, scoreThreshold, withPayload, withVector, using, null);
  }

  /** A search of the unnamed vector. */
  public SearchRequest(float[] vector, int limit, int offset, VectorFilter filter, Float scoreThreshold,
      boolean withPayload, boolean withVector) {
    this(vector, limit, offset, filter, scoreThreshold, withPayload, withVector, null, null);
  }

  /** The top {@link #DEFAULT_LIMIT} hits for {@code vector} with payloads. */
  public static SearchRequest of(float[] vector) {
    return builder(vector).build();
  }

  /** A builder for {@code vector} with the defaults. */
  public static Builder builder(float[] vector) {
    return new Builder(vector);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final float[] vector;
    private int limit = DEFAULT_LIMIT;
    private int offset;
    private VectorFilter filter = VectorFilter.none();
    private Float scoreThreshold;
    private boolean withPayload = true;
    private boolean withVector;
    private String using;
    private Integer hnswEf;

    private Builder(float[] vector) {
      this.vector = vector;
    }

    /** Hits to return. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Best hits to skip. */
    public Builder offset(int value) {
      this.offset = value;
      return this;
    }

    /** Payload conditions. */
    public Builder filter(VectorFilter value) {
      this.filter = value;
      return this;
    }

    /** Score threshold; null for none. */
    public Builder scoreThreshold(Float value) {
      this.scoreThreshold = value;
      return this;
    }

    /** Whether hits carry their payload. */
    public Builder withPayload(boolean value) {
      this.withPayload = value;
      return this;
    }

    /** Whether hits carry their vector. */
    public Builder withVector(boolean value) {
      this.withVector = value;
      return this;
    }

    /** The named dense vector to search; null for the unnamed one. */
    public Builder using(String value) {
      this.using = value;
      return this;
    }

    /** The HNSW search beam ({@code hnsw_ef}); null for the server's default. */
    public Builder hnswEf(Integer value) {
      this.hnswEf = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException for a limit below 1, a negative offset or an {@code hnswEf} below 1
     */
    public SearchRequest build() {
      return new SearchRequest(vector, limit, offset, filter, scoreThreshold, withPayload, withVector, using,
          hnswEf);
    }
  }
}
