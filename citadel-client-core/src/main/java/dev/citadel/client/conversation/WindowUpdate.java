package dev.citadel.client.conversation;

import java.util.List;

/**
 * What {@link Conversations#replaceWindow} wrote. Immutable.
 *
 * @param appended the messages it appended (only those not already in the window), in order
 * @param windowStart the window's first sequence afterwards
 * @param windowPinned older sequences kept in the window afterwards
 * @param windowMoved whether the window's bounds changed
 */
public record WindowUpdate(List<StoredMessage> appended, long windowStart, List<Long> windowPinned,
    boolean windowMoved) {

  /** Defensive copies. */
  public WindowUpdate {
    appended = List.copyOf(appended);
    windowPinned = List.copyOf(windowPinned);
  }

  /** Whether nothing was written. */
  public boolean unchanged() {
    return appended.isEmpty() && !windowMoved;
  }
}
