package dev.citadel.client.metadata;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paged listing.
 *
 * @param items the rows, in the listing's order
 * @param nextCursor the cursor for {@link PageRequest#after}, or null on the last page
 * @param <T> the row type
 */
public record Page<T>(List<T> items, String nextCursor) {

  /** Defensive copy. */
  public Page {
    items = List.copyOf(items);
  }

  /** The next page's request, if there is a next page. */
  public Optional<PageRequest> next(int limit) {
    return nextCursor == null ? Optional.empty() : Optional.of(PageRequest.after(nextCursor, limit));
  }
}
