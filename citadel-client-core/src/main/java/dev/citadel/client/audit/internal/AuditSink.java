package dev.citadel.client.audit.internal;

import java.util.List;

/**
 * Where the audit pipeline's writer thread stores batches: {@link ChainWriter} in production, a
 * controllable stand-in in tests of the pipeline's own fault handling.
 */
public interface AuditSink {

  /**
   * Stores {@code batch} in order, each event once (events already stored are skipped).
   *
   * @throws RuntimeException when storing failed; the outcome is then unknown and writing the
   *     same batch again is safe
   */
  ChainWriter.Outcome write(List<Pending> batch);

  /**
   * The identity of the database written to (a spill file is bound to it).
   *
   * @throws RuntimeException when the database cannot be reached
   */
  DatabaseIdentity identity();
}
