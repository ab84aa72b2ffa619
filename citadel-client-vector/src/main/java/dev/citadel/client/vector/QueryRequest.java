package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to Qdrant's Query API: optional prefetches (run first), then a query that ranks their
 * results, or the whole collection when there are none: nearest to a dense or sparse vector or
 * to a stored point, recommend, fusion of the prefetches (RRF, DBSF), order by a payload field;
 * or no query at all, which lists points in id order. Immutable.
 *
 * @param query what to rank by, or null to list points in id order
 * @param using the named vector the query uses, or null for the unnamed one
 * @param prefetch sub-requests whose results the query ranks (empty for the whole collection)
 * @param filter payload conditions on the final results (default none)
 * @param limit results to return, at least 1 (default 10)
 * @param offset best results to skip (default 0)
 * @param scoreThreshold the worst score kept, or null
 * @param withPayload whether results carry their payload (default true)
 * @param withVector whether results carry their unnamed vector (default false)
 */
public record QueryRequest(Query query, String using, List<Prefetch> prefetch, VectorFilter filter, int limit,
    int offset, Float scoreThreshold, boolean withPayload, boolean withVector) {

  /** Validates and copies. */
  public QueryRequest {
    prefetch = List.copyOf(prefetch == null ? List.of() : prefetch);
    filter = filter == null ? VectorFilter.none() : filter;
    if (limit < 1) {
      throw new InvalidArgumentException("limit", "must be at least 1, was " + limit);
    }
    if (offset < 0) {
      throw new InvalidArgumentException("offset", "must not be negative, was " + offset);
    }
    if (query instanceof Query.Fuse && prefetch.isEmpty()) {
      throw new InvalidArgumentException("prefetch", "a fusion query needs prefetches to fuse");
    }
    if (using != null && using.isEmpty()) {
      using = null;
    }
  }

  /** A request ranking by {@code query} (null: list points in id order). */
  public static Builder builder(Query query) {
    return new Builder(query);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final Query query;
    private String using;
    private final List<Prefetch> prefetch = new ArrayList<>();
    private VectorFilter filter = VectorFilter.none();
    private int limit = SearchRequest.DEFAULT_LIMIT;
    private int offset;
    private Float scoreThreshold;
    private boolean withPayload = true;
    private boolean withVector;

    private Builder(Query query) {
      this.query = query;
    }

    /** The named vector the query uses; null for the unnamed one. */
    public Builder using(String value) {
      this.using = value;
      return this;
    }

    /** Adds a prefetch. */
    public Builder prefetch(Prefetch value) {
      prefetch.add(Objects.requireNonNull(value, "prefetch"));
      return this;
    }

    /** Payload conditions. */
    public Builder filter(VectorFilter value) {
      this.filter = value;
      return this;
    }

    /** Results to return. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Best results to skip. */
    public Builder offset(int value) {
      this.offset = value;
      return this;
    }

    /** Worst score kept; null for none. */
    public Builder scoreThreshold(Float value) {
      this.scoreThreshold = value;
      return this;
    }

    /** Whether results carry their payload. */
    public Builder withPayload(boolean value) {
      this.withPayload = value;
      return this;
    }

    /** Whether results carry their unnamed vector. */
    public Builder withVector(boolean value) {
      this.withVector = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException naming the bad field
     */
    public QueryRequest build() {
      return new QueryRequest(query, using, prefetch, filter, limit, offset, scoreThreshold, withPayload, withVector);
    }
  }
}
