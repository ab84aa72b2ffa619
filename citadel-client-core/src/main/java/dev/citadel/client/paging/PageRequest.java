package dev.citadel.client.paging;

import dev.citadel.client.InvalidArgumentException;
import java.util.Objects;

/**
 * Where a keyset-paged listing starts and how many rows it returns. Cursors are opaque strings
 * taken from {@link Page#nextCursor()}; they stay valid while rows are inserted or deleted.
 *
 * @param cursor null for the first page
 * @param limit rows per page, 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(String cursor, int limit) {

  /** Largest page size. */
  public static final int MAX_LIMIT = 1000;

  /**
   * Validates the limit.
   *
   * @throws InvalidArgumentException when {@code limit} is outside 1 to {@value #MAX_LIMIT}
   */
  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The first page of {@code limit} rows. */
  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }

  /** The page of {@code limit} rows after {@code cursor} (from {@link Page#nextCursor()}). */
  public static PageRequest after(String cursor, int limit) {
    return new PageRequest(Objects.requireNonNull(cursor, "cursor"), limit);
  }
}
