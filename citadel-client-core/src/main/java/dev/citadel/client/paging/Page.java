package dev.citadel.client.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paged listing. Cursors are opaque: pass {@link #nextCursor()} back to the
 * listing that produced the page (or use {@link #next(int)}); they stay valid while rows are
 * inserted or deleted. Immutable.
 *
 * @param items the rows, in the listing's order (never null; copied)
 * @param nextCursor the cursor of the next page, or null on the last page
 * @param <T> the row type
 */
public record Page<T>(List<T> items, String nextCursor) {

  /** Defensive copy of {@code items}. */
  public Page {
    items = List.copyOf(items);
  }

  /** Whether another page follows this one. */
  public boolean hasNext() {
    return nextCursor != null;
  }

  /** The request for the next page of {@code limit} rows, if there is a next page. */
  public Optional<PageRequest> next(int limit) {
    return nextCursor == null ? Optional.empty() : Optional.of(PageRequest.after(nextCursor, limit));
  }
}
