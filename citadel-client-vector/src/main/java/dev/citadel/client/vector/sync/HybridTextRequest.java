package dev.citadel.client.vector.sync;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.VectorFilter;
import java.util.Objects;

/**
 * A hybrid search of one collection: PostgreSQL full text over its chunks and Qdrant's nearest
 * neighbours of a dense query vector, each taking its best {@code candidates}, fused by
 * Reciprocal Rank Fusion. Immutable (the vector is copied in).
 *
 * @param text the full-text query (see {@link TextSearchRequest#text()})
 * @param vector the dense query embedding, of the collection's size
 * @param limit fused hits to return, at least 1 (default 10)
 * @param candidates hits each source contributes before fusion, at least {@code limit}
 *     (default 4 x limit, at least 20)
 * @param filter payload conditions applied to both sources (default none)
 * @param match how the words of {@code text} must occur (default {@link TextMatch#ANY_WORD})
 * @param rrfK the RRF constant k: a hit at 0-based rank r in a source adds 1 / (k + r) to its
 *     score (default {@link #DEFAULT_RRF_K}, Qdrant's)
 */
public record HybridTextRequest(String text, float[] vector, int limit, int candidates, VectorFilter filter,
    TextMatch match, int rrfK) {

  /** Default fused hits. */
  public static final int DEFAULT_LIMIT = 10;
  /** Qdrant's default RRF constant, so fused scores read like Qdrant's own RRF fusion. */
  public static final int DEFAULT_RRF_K = 2;

  /** Validates and copies the vector. */
  public HybridTextRequest {
    Objects.requireNonNull(text, "text");
    vector = Objects.requireNonNull(vector, "vector").clone();
    if (limit < 1 || limit > TextSearchRequest.MAX_LIMIT) {
      throw new InvalidArgumentException("limit", "must be between 1 and " + TextSearchRequest.MAX_LIMIT
          + ", was " + limit);
    }
    if (candidates < limit || candidates > TextSearchRequest.MAX_LIMIT) {
      throw new InvalidArgumentException("candidates", "must be between limit (" + limit + ") and "
          + TextSearchRequest.MAX_LIMIT + ", was " + candidates);
    }
    if (rrfK < 0) {
      throw new InvalidArgumentException("rrfK", "must not be negative, was " + rrfK);
    }
    filter = filter == null ? VectorFilter.none() : filter;
    match = match == null ? TextMatch.ANY_WORD : match;
  }

  /** A builder for {@code text} and {@code vector} with the defaults. */
  public static Builder builder(String text, float[] vector) {
    return new Builder(text, vector);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String text;
    private final float[] vector;
    private int limit = DEFAULT_LIMIT;
    private Integer candidates;
    private VectorFilter filter = VectorFilter.none();
    private TextMatch match = TextMatch.ANY_WORD;
    private int rrfK = DEFAULT_RRF_K;

    private Builder(String text, float[] vector) {
      this.text = text;
      this.vector = vector;
    }

    /** Fused hits to return. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Hits each source contributes; default 4 x limit, at least 20. */
    public Builder candidates(int value) {
      this.candidates = value;
      return this;
    }

    /** Payload conditions for both sources. */
    public Builder filter(VectorFilter value) {
      this.filter = value;
      return this;
    }

    /** How the words must occur. */
    public Builder match(TextMatch value) {
      this.match = value;
      return this;
    }

    /** The RRF constant. */
    public Builder rrfK(int value) {
      this.rrfK = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException naming the bad field
     */
    public HybridTextRequest build() {
      int c = candidates != null ? candidates : Math.min(TextSearchRequest.MAX_LIMIT, Math.max(20, 4 * limit));
      return new HybridTextRequest(text, vector, limit, c, filter, match, rrfK);
    }
  }

  /** The full-text half: the text, the candidates, the filter and the match mode. */
  public TextSearchRequest textPart() {
    return TextSearchRequest.builder(text).limit(candidates).filter(filter).match(match).build();
  }
}
