package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sub-request of a Query API request, run first; its results are what the enclosing stage
 * ranks or fuses. Immutable.
 *
 * @param query what it ranks by (null: points in id order)
 * @param using the named vector its query uses, or null for the unnamed one
 * @param filter payload conditions (default none)
 * @param limit how many results it passes on, at least 1 (default 10)
 * @param scoreThreshold the worst score it passes on, or null
 * @param prefetch its own sub-requests (empty for none)
 */
public record Prefetch(Query query, String using, VectorFilter filter, int limit, Float scoreThreshold,
    List<Prefetch> prefetch) {

  /** Validates and copies. */
  public Prefetch {
    filter = filter == null ? VectorFilter.none() : filter;
    if (limit < 1) {
      throw new InvalidArgumentException("limit", "a prefetch limit must be at least 1, was " + limit);
    }
    prefetch = List.copyOf(prefetch == null ? List.of() : prefetch);
    if (using != null && using.isEmpty()) {
      using = null;
    }
  }

  /** A prefetch ranking by {@code query}. */
  public static Builder builder(Query query) {
    return new Builder(query);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final Query query;
    private String using;
    private VectorFilter filter = VectorFilter.none();
    private int limit = SearchRequest.DEFAULT_LIMIT;
    private Float scoreThreshold;
    private final List<Prefetch> prefetch = new ArrayList<>();

    private Builder(Query query) {
      this.query = query;
    }

    /** The named vector the query uses; null for the unnamed one. */
    public Builder using(String value) {
      this.using = value;
      return this;
    }

    /** Payload conditions. */
    public Builder filter(VectorFilter value) {
      this.filter = value;
      return this;
    }

    /** Results passed on. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Worst score passed on; null for none. */
    public Builder scoreThreshold(Float value) {
      this.scoreThreshold = value;
      return this;
    }

    /** Adds a nested prefetch. */
    public Builder prefetch(Prefetch value) {
      prefetch.add(Objects.requireNonNull(value, "prefetch"));
      return this;
    }

    /** Validates and builds. */
    public Prefetch build() {
      return new Prefetch(query, using, filter, limit, scoreThreshold, prefetch);
    }
  }
}
