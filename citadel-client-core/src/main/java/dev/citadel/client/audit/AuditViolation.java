package dev.citadel.client.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a hash chain stops matching its rows: the first sign of tampering that
 * {@link AuditVerifier} found.
 *
 * @param kind what was found
 * @param chainId the chain
 * @param sequence the chain position concerned (for {@link Kind#MISSING}, the first missing one)
 * @param id the row's id; null for {@link Kind#MISSING}
 * @param time the row's event time; null for {@link Kind#MISSING}
 * @param description what does not match, in words
 */
public record AuditViolation(
    Kind kind, String chainId, long sequence, UUID id, Instant time, String description) {

  /** What was found. */
  public enum Kind {
    /**
     * A row's content does not match its hash (edited in place), or a row's hash is not the one
     * the next row was chained to (edited and re-hashed).
     */
    MODIFIED,
    /** A chain position has no row: a row was deleted (or its partition removed). */
    MISSING,
    /**
     * A row that is not part of the chain: a second row at a taken position, a row that skips
     * positions, or a row of a chain that {@code audit.chains} does not know.
     */
    INSERTED,
    /**
     * An anchor published outside PostgreSQL does not verify: its MAC fails under the key it
     * names, or it names a key the verifier was not given (the anchor store was written by
     * someone without the chain key).
     */
    ANCHOR
  }
}
