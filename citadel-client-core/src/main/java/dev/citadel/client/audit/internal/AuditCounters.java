package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.AuditStats;

/**
 * The audit writer's running counts since the log was created, and the {@link AuditStats}
 * snapshot made of them. The count of accepted events doubles as the acceptance number of the
 * latest one (events are numbered 1, 2, ... in acceptance order).
 *
 * <p>Not thread-safe: the pipeline guards it with its lock.
 */
final class AuditCounters {
  private long accepted;
  private long written;
  private long duplicates;
  private long spilled;
  private long replayed;
  private long rejected;
  private long unreadableSpillRecords;

  /** Counts one more accepted event; returns its acceptance number. */
  long accept() {
    return ++accepted;
  }

  /** Events accepted so far: the acceptance number of the latest. */
  long accepted() {
    return accepted;
  }

  /** Counts a {@code record} call refused by the overflow policy. */
  void rejectOne() {
    rejected++;
  }

  /** Counts events appended to the spill file. */
  void spilled(int events) {
    spilled += events;
  }

  /** Counts a batch written to PostgreSQL: rows inserted and events found already stored. */
  void written(ChainWriter.Outcome outcome) {
    written += outcome.inserted();
    duplicates += outcome.duplicates();
  }

  /** Counts spill records acknowledged (written or found already stored). */
  void replayed(int records) {
    replayed += records;
  }

  /** Counts spill records that passed their checksum but could not be decoded (skipped). */
  void unreadableSpillRecords(int records) {
    unreadableSpillRecords += records;
  }

  /**
   * The counts with the pipeline's current state.
   *
   * @param spillRecordsSetAside spill records set aside or skipped by the spill side (foreign,
   *     unbound, corrupt); the undecodable ones counted here are added
   */
  AuditStats snapshot(int pendingInMemory, long pendingInSpill, boolean backendAvailable, long spillRecordsSetAside) {
    return new AuditStats(accepted, written, duplicates, spilled, replayed, rejected, pendingInMemory,
        pendingInSpill, backendAvailable, spillRecordsSetAside + unreadableSpillRecords);
  }
}
