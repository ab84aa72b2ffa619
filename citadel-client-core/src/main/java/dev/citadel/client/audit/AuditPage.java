package dev.citadel.client.audit;

import java.util.List;
import java.util.Optional;

/**
 * One page of an {@link AuditQuery}'s results, newest first.
 *
 * @param records the events, newest first (by time, then id)
 * @param nextCursor pass to {@link AuditQuery#after(String)} for the next page; null on the last
 *     page
 */
public record AuditPage(List<AuditRecord> records, String nextCursor) {

  /** Defensive copy. */
  public AuditPage {
    records = List.copyOf(records);
  }

  /** The cursor of the next page, if there is one. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
