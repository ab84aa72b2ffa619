package dev.citadel.client.audit.internal;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What the audit pipeline knows of the records in its spill file: how many there are, and for
 * each, oldest first, its acceptance number in this process ({@link Pending#acceptSeq()}), so
 * that committing a replayed record moves the "committed through" watermark as committing it
 * from memory would. Records left by an earlier process have no acceptance number here; they are
 * kept as counted blocks.
 *
 * <p>Not thread-safe: the pipeline guards it with its lock.
 */
final class SpillLedger {
  /** Per spill append: the acceptance numbers, or one negative entry {@code -n} for n records of an earlier run. */
  private final ArrayDeque<long[]> blocks = new ArrayDeque<>();
  /** Entries of the head block already taken. */
  private int headTaken;
  private long records;

  /** A ledger for a spill file holding {@code recoveredRecords} records left by an earlier run. */
  SpillLedger(long recoveredRecords) {
    for (long left = recoveredRecords; left > 0; left -= Integer.MAX_VALUE) {
      blocks.addLast(new long[] {-Math.min(left, Integer.MAX_VALUE)});
    }
    records = recoveredRecords;
  }

  /** Records in the spill file not yet written to PostgreSQL. */
  long records() {
    return records;
  }

  /**
   * Notes that {@code chunk} was appended to the spill file, in order.
   *
   * @return the largest acceptance number in {@code chunk} (0 when it is empty)
   */
  long appended(List<Pending> chunk) {
    if (chunk.isEmpty()) {
      return 0;
    }
    long[] seqs = new long[chunk.size()];
    long max = 0;
    for (int i = 0; i < seqs.length; i++) {
      seqs[i] = chunk.get(i).acceptSeq();
      max = Math.max(max, seqs[i]);
    }
    blocks.addLast(seqs);
    records += seqs.length;
    return max;
  }

  /**
   * Removes the oldest {@code n} records, written to PostgreSQL (or found already there).
   *
   * @return the largest acceptance number among them; 0 when all came from an earlier run
   */
  long removeOldest(int n) {
    records -= n;
    long max = 0;
    while (n > 0 && !blocks.isEmpty()) {
      long[] head = blocks.peekFirst();
      if (head.length == 1 && head[0] < 0) {
        long left = -head[0];
        long take = Math.min(left, n);
        n -= (int) take;
        if (take == left) {
          blocks.pollFirst();
        } else {
          head[0] = -(left - take);
        }
        continue;
      }
      int take = Math.min(n, head.length - headTaken);
      max = Math.max(max, head[headTaken + take - 1]);
      headTaken += take;
      n -= take;
      if (headTaken == head.length) {
        blocks.pollFirst();
        headTaken = 0;
      }
    }
    return max;
  }
}
