package dev.citadel.client.audit;

/**
 * A snapshot of an {@link AuditLog}'s writer, for health checks and tests. Counts are since
 * the log was created.
 *
 * @param accepted events {@link AuditLog#record} accepted
 * @param written rows inserted into {@code audit.logs}, including events replayed from the spill
 *     file
 * @param duplicatesSkipped events found already stored when written (replays after a crash, after
 *     a commit whose outcome was unknown, or of a batch copied to the spill file while its write
 *     hung and which then committed); they were not stored twice, and are not counted in
 *     {@code written}
 * @param spilled events written to the spill file
 * @param replayed spill records acknowledged (written or found already stored), including
 *     records left by an earlier process
 * @param rejected {@code record} calls refused by the overflow policy
 * @param pendingInMemory accepted events neither written nor spilled yet
 * @param pendingInSpill records in the spill file not yet written to PostgreSQL
 * @param backendAvailable false while the last write attempt failed
 * @param spillRecordsSetAside records found in the spill directory that were not replayed: left
 *     by a writer of another database or chain, or without a readable binding (moved to a
 *     {@code set-aside-*} sub-directory), or corrupt (skipped); each case is logged at ERROR. Not
 *     zero means an operator should look
 */
public record AuditStats(
    long accepted,
    long written,
    long duplicatesSkipped,
    long spilled,
    long replayed,
    long rejected,
    int pendingInMemory,
    long pendingInSpill,
    boolean backendAvailable,
    long spillRecordsSetAside) {}
