package dev.citadel.client.conversation.internal;

import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.StoredMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * How a desired window relates to the stored one: {@code desired = pinned + current[tail..] + added},
 * where {@code pinned} are messages of {@code current[0..tail)} kept in order (e.g. a system
 * prompt a framework keeps while it drops older turns). The first tail that fits wins, then the
 * most pinned messages, so the fewest messages are appended; {@code tail == current.size()} always fits.
 */
record WindowDiff(List<Long> pinned, long windowStart, List<ConversationMessage> added) {

  /**
   * @param current the stored window, in order
   * @param desired the caller's list
   * @param nextSequence the sequence the first appended message will get
   */
  static WindowDiff of(List<StoredMessage> current, List<ConversationMessage> desired, long nextSequence) {
    int n = current.size();
    for (int tail = 0; tail <= n; tail++) {
      int kept = n - tail;
      // More pinned messages means fewer appended ones.
      for (int p = Math.min(tail, desired.size() - kept); p >= 0; p--) {
        if (!sameRun(current, tail, desired, p, kept)) {
          continue;
        }
        List<Long> pinned = pinnedSubsequence(current, tail, desired, p);
        if (pinned == null) {
          continue;
        }
        long start = kept > 0 ? current.get(tail).sequence() : nextSequence;
        return new WindowDiff(pinned, start, List.copyOf(desired.subList(p + kept, desired.size())));
      }
    }
    throw new AssertionError("tail == size always fits");
  }

  private static boolean sameRun(List<StoredMessage> current, int from, List<ConversationMessage> desired, int at,
      int length) {
    for (int i = 0; i < length; i++) {
      if (!current.get(from + i).message().equals(desired.get(at + i))) {
        return false;
      }
    }
    return true;
  }

  /** The sequences of {@code current[0..tail)} matching {@code desired[0..p)} in order, or null. */
  private static List<Long> pinnedSubsequence(List<StoredMessage> current, int tail, List<ConversationMessage> desired,
      int p) {
    List<Long> pinned = new ArrayList<>(p);
    int j = 0;
    for (int i = 0; i < p; i++) {
      while (j < tail && !current.get(j).message().equals(desired.get(i))) {
        j++;
      }
      if (j == tail) {
        return null;
      }
      pinned.add(current.get(j++).sequence());
    }
    return pinned;
  }
}
