package dev.citadel.client.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AuditVerifier} found in a time range.
 *
 * @param from start of the range (inclusive)
 * @param to end of the range (exclusive)
 * @param chains the chains that were walked, in name order
 * @param rowsChecked rows whose hash was recomputed (rows of the range, plus neighbours needed to
 *     check the links at its edges)
 * @param anchored true when every walk started from the chain's first row or from a row before
 *     the range; false when the rows before a range were gone (for example removed by
 *     retention), so its first row's link backwards was taken on trust
 * @param violation the first violation found (walking chains in name order), or null when the
 *     range verifies
 */
public record VerificationResult(
    Instant from, Instant to, List<String> chains, long rowsChecked, boolean anchored,
    AuditViolation violation) {

  /** Defensive copy. */
  public VerificationResult {
    chains = List.copyOf(chains);
  }

  /** True when no violation was found. */
  public boolean intact() {
    return violation == null;
  }

  /** The first violation, if any. */
  public Optional<AuditViolation> firstViolation() {
    return Optional.ofNullable(violation);
  }
}
