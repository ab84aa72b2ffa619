package dev.citadel.client.audit;

import dev.citadel.client.audit.internal.ChainVerifier;
import dev.citadel.client.config.AuditChainKey;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the hash chains of {@code audit.logs} over a time range and reports the first row that
 * was modified, deleted or inserted behind the writer's back.
 *
 * <p><b>Keyed chains and anchors.</b> A verifier created with chain keys
 * ({@link #create(Database, List, List)}) recomputes each row's HMAC-SHA256 under the key its
 * {@code key_id} names and requires every row to be keyed: without the key, a rewritten chain
 * cannot verify. With anchor stores, each chain's table is also checked against the latest
 * {@link AuditAnchor} published outside PostgreSQL: rows cut from the tail, or a chain rebuilt
 * with a new head, are reported, and an anchor not made with a chain key is reported as
 * {@link AuditViolation.Kind#ANCHOR}. See AUDIT.md's threat model.
 *
 * <p><b>What a clean result proves (unkeyed).</b> Every row of each walked chain, from the row before the
 * range to the row after it (or to the head recorded in {@code audit.chains}), is unchanged
 * since it was written, no position is missing and no row was added, <em>unless</em> whoever
 * changed the table also recomputed every later hash (SHA-256 with no secret: anyone who can
 * write the table can forge a consistent chain) and {@code audit.chains}. The chain makes
 * tampering evident to someone who compares it with a copy of a chain head kept elsewhere, for
 * example {@code audit.chains.last_hash} exported daily to write-once storage; it does not make
 * tampering impossible. Keep writes to {@code audit} for the writer's role only.
 *
 * <p><b>What it does not cover.</b> Rows removed together with every later row and the head
 * (truncation plus an edited {@code audit.chains}); rows whose partitions retention removed
 * (ranges touching them verify as {@link VerificationResult#anchored() unanchored}, or report
 * the missing positions); events that never reached the table. Each chain is walked over the
 * positions of its events in the range, so rows of other times between them are checked too.
 *
 * <p>Thread-safe; each call reads with its own statements on the pooled endpoint.
 */
public final class AuditVerifier {
  private final SqlClient db;
  private final List<AuditChainKey> keys;
  private final List<AuditAnchorStore> anchorStores;

  private AuditVerifier(SqlClient db, List<AuditChainKey> keys, List<AuditAnchorStore> anchorStores) {
    this.db = db;
    this.keys = keys;
    this.anchorStores = anchorStores;
  }

  /**
   * A verifier of unkeyed (SHA-256) chains reading through {@code db} (the caller's; never closed
   * here). A keyed row is reported as {@link AuditViolation.Kind#MODIFIED} saying it needs the keys.
   */
  public static AuditVerifier create(Database db) {
    return new AuditVerifier(Objects.requireNonNull(db, "db"), List.of(), List.of());
  }

  /**
   * A verifier of keyed chains: every row must be keyed with one of {@code keys} (the current
   * and retired ones, e.g. {@link dev.citadel.client.config.AuditConfig#verificationKeys()}), and
   * each chain's tail must match its latest anchor in {@code anchorStores} (may be empty; the
   * stores stay the caller's).
   *
   * @throws IllegalArgumentException when {@code keys} is empty or names one id twice
   */
  public static AuditVerifier create(Database db, List<AuditChainKey> keys, List<AuditAnchorStore> anchorStores) {
    Objects.requireNonNull(db, "db");
    List<AuditChainKey> k = List.copyOf(keys);
    if (k.isEmpty()) {
      throw new IllegalArgumentException("keys must not be empty (use create(db) for unkeyed chains)");
    }
    if (k.stream().map(AuditChainKey::id).distinct().count() != k.size()) {
      throw new IllegalArgumentException("keys name one key id twice");
    }
    return new AuditVerifier(db, k, List.copyOf(anchorStores));
  }

  /**
   * Verifies every chain that has events in {@code [from, to)} or is known to
   * {@code audit.chains}, in chain-name order, stopping at the first violation.
   *
   * @throws IllegalArgumentException when {@code from} is not before {@code to}
   * @throws dev.citadel.client.CitadelException when PostgreSQL fails
   * @throws AuditException when an anchor store cannot be read or holds no anchor
   */
  public VerificationResult verify(Instant from, Instant to) {
    checkRange(from, to);
    List<String> chains = db.query("SELECT chain_id FROM audit.logs WHERE event_time >= ? AND event_time < ?"
        + " UNION SELECT chain_id FROM audit.chains ORDER BY 1", RowMapper.column(String.class), from, to);
    return verifyChains(chains, from, to);
  }

  /**
   * Verifies one chain over {@code [from, to)}.
   *
   * @throws IllegalArgumentException when {@code from} is not before {@code to}
   * @throws dev.citadel.client.CitadelException when PostgreSQL fails
   */
  public VerificationResult verify(String chainId, Instant from, Instant to) {
    Objects.requireNonNull(chainId, "chainId");
    checkRange(from, to);
    return verifyChains(List.of(chainId), from, to);
  }

  private VerificationResult verifyChains(List<String> chains, Instant from, Instant to) {
    ChainVerifier walker = new ChainVerifier(db, keys, anchorStores);
    long rows = 0;
    boolean anchored = true;
    List<String> walked = new ArrayList<>();
    for (String chain : chains) {
      ChainVerifier.ChainResult r = walker.verify(chain, from, to);
      walked.add(chain);
      rows += r.rowsChecked();
      anchored &= r.anchored();
      if (r.violation() != null) {
        return new VerificationResult(from, to, walked, rows, anchored, r.violation());
      }
    }
    return new VerificationResult(from, to, walked, rows, anchored, null);
  }

  private static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to (" + from + " >= " + to + ")");
    }
  }
}
