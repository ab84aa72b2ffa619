package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.audit.AuditViolation.Kind;
import dev.citadel.client.audit.internal.AuditRows;
import dev.citadel.client.audit.internal.ChainHash;
import dev.citadel.client.audit.internal.EventCodec;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with {@code audit.logs} through plain SQL, one chain per kind of tampering, each in its
 * own hour so that ranges do not overlap: the verifier must name exactly the row touched.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditVerifierIT {
  private static final int EVENTS = 60;
  private static final List<String> CHAINS =
      List.of("clean", "edited", "deleted", "forged", "rehashed", "truncated");
  private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));

  @TempDir static Path spill;
  private static Database db;
  private static AuditVerifier verifier;

  /** JSON that jsonb normalises: the hash must survive key order, spacing, escapes, number forms. */
  private static final String AWKWARD_DETAILS = "{ \"z\": [1.50, 1e2, -0.0, 12345678901234567890.000],"
      + " \"a\": {\"dup\": 1, \"dup\": \"last \\u00e9\\ud83d\\ude00\\n\\\"q\\\"\"}, \"\\u0041\": null,"
      + " \"t\": true, \"e\": {}, \"l\": [] }";

  @BeforeAll
  static void writeChains(TestDatabase testDb) {
    db = AuditTestSupport.migratedDatabase(testDb);
    verifier = AuditVerifier.create(db);
    for (int c = 0; c < CHAINS.size(); c++) {
      String chain = CHAINS.get(c);
      try (AuditLog log = AuditLog.create(db, AuditTestSupport.config(chain, spill).build())) {
        for (int i = 0; i < EVENTS; i++) {
          log.record(AuditEvent.builder().time(start(c).plusSeconds(i * 10L)).user("carol")
              .action("model.infer").resource("doc-" + i).model("yi34").outcome(AuditOutcome.SUCCESS)
              .clientAddress("10.0.0." + i).requestId(chain + "-" + i)
              .details(i % 2 == 0 ? AWKWARD_DETAILS : "{\"i\": " + i + "}").build());
        }
      }
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static Instant start(int chainIndex) {
    return BASE.plus(Duration.ofHours(chainIndex));
  }

  private static Instant end(int chainIndex) {
    return start(chainIndex).plus(Duration.ofHours(1));
  }

  private static Instant start(String chain) {
    return start(CHAINS.indexOf(chain));
  }

  private static Instant end(String chain) {
    return end(CHAINS.indexOf(chain));
  }

  private static UUID idAt(String chain, long seq) {
    return db.queryOne("SELECT id FROM audit.logs WHERE chain_id = ? AND seq = ?", RowMapper.column(UUID.class), chain, seq);
  }

  @Test
  void untouchedRangesVerify() {
    VerificationResult one = verifier.verify("clean", start("clean"), end("clean"));
    assertThat(one.intact()).as("%s", one.violation()).isTrue();
    assertThat(one.rowsChecked()).isEqualTo(EVENTS);
    assertThat(one.anchored()).isTrue();

    VerificationResult all = verifier.verify(start("clean"), end("clean"));
    assertThat(all.intact()).isTrue();
    assertThat(all.chains()).containsExactlyInAnyOrderElementsOf(CHAINS);

    // A range inside the chain is anchored on the row before it and checked against the row after.
    VerificationResult middle = verifier.verify("clean", start("clean").plusSeconds(100), start("clean").plusSeconds(200));
    assertThat(middle.intact()).isTrue();
    assertThat(middle.rowsChecked()).isEqualTo(10 + 2);
  }

  @Test
  void anEditedRowIsReportedAsModified() {
    UUID target = idAt("edited", 25);
    assertThat(db.update("UPDATE audit.logs SET details = jsonb_set(details, '{i}', '999') WHERE id = ?", target)).isEqualTo(1);

    VerificationResult result = verifier.verify("edited", start("edited"), end("edited"));
    assertThat(result.intact()).isFalse();
    AuditViolation v = result.violation();
    assertThat(v.kind()).isEqualTo(Kind.MODIFIED);
    assertThat(v.id()).isEqualTo(target);
    assertThat(v.sequence()).isEqualTo(25);

    // A range that does not reach the edited row, nor its neighbours, still verifies.
    assertThat(verifier.verify("edited", start("edited").plusSeconds(300), start("edited").plusSeconds(400)).intact()).isTrue();
  }

  @Test
  void aDeletedRowIsReportedAsMissing() {
    assertThat(db.update("DELETE FROM audit.logs WHERE chain_id = 'deleted' AND seq = 31")).isEqualTo(1);

    AuditViolation v = verifier.verify("deleted", start("deleted"), end("deleted")).violation();
    assertThat(v.kind()).isEqualTo(Kind.MISSING);
    assertThat(v.sequence()).isEqualTo(31);
    assertThat(v.id()).isNull();
  }

  @Test
  void aForgedRowIsReportedAsInserted() {
    UUID forged = UUID.randomUUID();
    // A forger copies a genuine row's position and link and writes a convincing event.
    assertThat(db.update("INSERT INTO audit.logs (event_time, id, chain_id, seq, actor, actor_type, action,"
        + " resource, model, outcome, request_id, client_address, details, prev_hash, hash)"
        + " SELECT event_time + interval '1 second', ?, chain_id, seq, 'mallory', 'user', action, resource,"
        + " model, 'success', 'forged', client_address, '{\"i\": 40}', prev_hash, sha256(hash)"
        + " FROM audit.logs WHERE chain_id = 'forged' AND seq = 40", forged)).isEqualTo(1);

    AuditViolation v = verifier.verify("forged", start("forged"), end("forged")).violation();
    assertThat(v.kind()).isEqualTo(Kind.INSERTED);
    assertThat(v.id()).isEqualTo(forged);
    assertThat(v.sequence()).isEqualTo(40);
  }

  @Test
  void aRowChangedAndRehashedIsReportedThroughTheNextLink() {
    // Re-hashing a changed row keeps it self-consistent, but the next row was chained to the
    // old hash. (Computed here with the writer's own hash function, as a forger would.)
    UUID target = idAt("rehashed", 12);
    db.update("UPDATE audit.logs SET action = 'model.delete' WHERE id = ?", target);
    byte[] rehashed = db.queryOne("SELECT " + AuditRows.COLUMNS + " FROM audit.logs WHERE id = ?",
        r -> new ChainHash().link(r.getBytes("prev_hash"), "rehashed", 12, EventCodec.encode(AuditRows.event(r))),
        target);
    assertThat(db.update("UPDATE audit.logs SET hash = ? WHERE id = ?", rehashed, target)).isEqualTo(1);

    AuditViolation v = verifier.verify("rehashed", start("rehashed"), end("rehashed")).violation();
    assertThat(v.kind()).isEqualTo(Kind.MODIFIED);
    assertThat(v.id()).isEqualTo(target);
  }

  @Test
  void removingTheNewestRowShowsAgainstTheRecordedHead() {
    assertThat(db.update("DELETE FROM audit.logs WHERE chain_id = 'truncated' AND seq = ?", (long) EVENTS)).isEqualTo(1);

    AuditViolation v = verifier.verify("truncated", start("truncated"), end("truncated")).violation();
    assertThat(v.kind()).isEqualTo(Kind.MISSING);
    assertThat(v.sequence()).isEqualTo(EVENTS);
  }
}
