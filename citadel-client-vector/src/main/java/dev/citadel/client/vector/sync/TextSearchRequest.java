package dev.citadel.client.vector.sync;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.VectorFilter;
import java.util.Objects;

/**
 * A full-text search over the chunks of one collection in PostgreSQL. Immutable.
 *
 * @param text the query, in the collection's language; must hold a non-space character
 * @param limit hits to return, 1 to 10,000 (default 10)
 * @param offset best hits to skip first, for paging (default 0)
 * @param filter payload conditions, as for vector search (default none)
 * @param match how the words must occur (default {@link TextMatch#ANY_WORD})
 */
public record TextSearchRequest(String text, int limit, int offset, VectorFilter filter, TextMatch match) {

  /** Default number of hits. */
  public static final int DEFAULT_LIMIT = 10;
  /** Most hits one request may ask for. */
  public static final int MAX_LIMIT = 10_000;

  /** Validates. */
  public TextSearchRequest {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new InvalidArgumentException("text", "a full-text query needs at least one word, was blank");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (offset < 0) {
      throw new InvalidArgumentException("offset", "must not be negative, was " + offset);
    }
    filter = filter == null ? VectorFilter.none() : filter;
    match = match == null ? TextMatch.ANY_WORD : match;
  }

  /** The top {@link #DEFAULT_LIMIT} chunks for {@code text}, any word matching. */
  public static TextSearchRequest of(String text) {
    return builder(text).build();
  }

  /** A builder for {@code text} with the defaults. */
  public static Builder builder(String text) {
    return new Builder(text);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String text;
    private int limit = DEFAULT_LIMIT;
    private int offset;
    private VectorFilter filter = VectorFilter.none();
    private TextMatch match = TextMatch.ANY_WORD;

    private Builder(String text) {
      this.text = text;
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

    /** How the words must occur. */
    public Builder match(TextMatch value) {
      this.match = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException for a blank text, a limit out of range or a negative offset
     */
    public TextSearchRequest build() {
      return new TextSearchRequest(text, limit, offset, filter, match);
    }
  }
}
