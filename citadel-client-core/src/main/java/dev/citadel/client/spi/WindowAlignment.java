package dev.citadel.client.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * How a chat-memory framework's new list of messages relates to the stored window, so that a
 * store can write only the difference: {@code desired = pinned + current[tail..] + desired[addedFrom..]},
 * where {@code pinned} are messages of {@code current[0..tail)} kept in order (e.g. a system
 * prompt a framework keeps while it drops older turns). The smallest tail that fits wins, then the
 * most pinned messages, so the fewest messages are added; {@code tail == current.size()} (the
 * whole of {@code desired} added) always fits. Shared by the durable conversation store and the
 * cache module's conversation memory. Immutable.
 *
 * @param pinned indexes into {@code current} of the older messages kept in front, ascending
 * @param tail index into {@code current} of the first message of the kept run ({@code current.size()}
 *     when none is kept)
 * @param addedFrom index into {@code desired} of the first message to add
 */
public record WindowAlignment(List<Integer> pinned, int tail, int addedFrom) {

  /** Defensive copy. */
  public WindowAlignment {
    pinned = List.copyOf(pinned);
  }

  /**
   * Aligns {@code desired} to {@code current}; {@code same} tells whether a stored message and a
   * desired one are the same message.
   */
  public static <S, T> WindowAlignment of(List<S> current, List<T> desired, BiPredicate<? super S, ? super T> same) {
    int n = current.size();
    for (int tail = 0; tail <= n; tail++) {
      int kept = n - tail;
      for (int p = Math.min(tail, desired.size() - kept); p >= 0; p--) {
        if (!sameRun(current, tail, desired, p, kept, same)) {
          continue;
        }
        List<Integer> pinned = pinned(current, tail, desired, p, same);
        if (pinned != null) {
          return new WindowAlignment(pinned, tail, p + kept);
        }
      }
    }
    throw new AssertionError("tail == size always fits");
  }

  /** Whether the stored window stays as it is (nothing dropped, nothing pinned anew). */
  public boolean keepsAll() {
    return tail == 0 && pinned.isEmpty();
  }

  private static <S, T> boolean sameRun(List<S> current, int from, List<T> desired, int at, int length,
      BiPredicate<? super S, ? super T> same) {
    for (int i = 0; i < length; i++) {
      if (!same.test(current.get(from + i), desired.get(at + i))) {
        return false;
      }
    }
    return true;
  }

  /** The indexes of {@code current[0..tail)} matching {@code desired[0..p)} in order, or null. */
  private static <S, T> List<Integer> pinned(List<S> current, int tail, List<T> desired, int p,
      BiPredicate<? super S, ? super T> same) {
    List<Integer> pinned = new ArrayList<>(p);
    int j = 0;
    for (int i = 0; i < p; i++) {
      while (j < tail && !same.test(current.get(j), desired.get(i))) {
        j++;
      }
      if (j == tail) {
        return null;
      }
      pinned.add(j++);
    }
    return pinned;
  }
}
