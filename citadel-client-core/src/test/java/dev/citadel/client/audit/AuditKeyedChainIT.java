package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.audit.AuditViolation.Kind;
import dev.citadel.client.audit.internal.AuditRows;
import dev.citadel.client.audit.internal.ChainHash;
import dev.citadel.client.audit.internal.EventCodec;
import dev.citadel.client.config.AuditChainKey;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.Secret;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyed chain and its anchors against an insider: someone with full write access to schema
 * {@code audit} and this library's source (so the hash algorithm), but not the chain key, who
 * rewrites rows and recomputes every later hash and the head with SQL.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditKeyedChainIT {
  private static final int EVENTS = 40;
  private static final AuditChainKey K1 = AuditChainKey.of("k1", Secret.of("first key: 32 bytes or more of material, random in production"));
  private static final AuditChainKey K2 = AuditChainKey.of("k2", Secret.of("second key: also long enough for HMAC-SHA256 chains!!"));
  private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));

  @TempDir static Path spill;
  @TempDir static Path anchors;
  private static Database db;

  @BeforeAll
  static void open(TestDatabase testDb) {
    db = AuditTestSupport.migratedDatabase(testDb);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static void write(AuditConfig config, int from, int count) {
    try (AuditLog log = AuditLog.create(db, config)) {
      for (int i = from; i < from + count; i++) {
        log.record(AuditEvent.builder().time(BASE.plusSeconds(i)).user("mallory-target")
            .action("model.infer").resource("doc-" + i).outcome(AuditOutcome.SUCCESS)
            .details("{\"i\": " + i + "}").build());
      }
    }
  }

  private static AuditConfig.Builder config(String chain) {
    return AuditTestSupport.config(chain, spill);
  }

  private static VerificationResult verify(AuditVerifier verifier, String chain) {
    return verifier.verify(chain, BASE.minusSeconds(1), BASE.plus(Duration.ofHours(1)));
  }

  /**
   * The insider's rewrite: changes the action of row {@code target}, then recomputes that row's and
   * every later row's prev_hash and hash with {@code hasher}, setting key_id to {@code keyId}, and
   * moves the head in audit.chains, all with SQL.
   */
  private static void insiderRewrite(String chain, long target, ChainHash hasher, Function<String, String> keyId) {
    assertThat(db.update("UPDATE audit.logs SET action = 'model.delete' WHERE chain_id = ? AND seq = ?", chain, target)).isEqualTo(1);
    byte[] prev = target == 1 ? ChainHash.GENESIS : db.queryOne("SELECT hash FROM audit.logs WHERE chain_id = ? AND seq = ?",
        RowMapper.column(byte[].class), chain, target - 1);
    long last = db.queryOne("SELECT max(seq) FROM audit.logs WHERE chain_id = ?", RowMapper.column(Long.class), chain);
    for (long seq = target; seq <= last; seq++) {
      byte[] encoded = db.queryOne("SELECT " + AuditRows.COLUMNS + " FROM audit.logs WHERE chain_id = ? AND seq = ?",
          r -> EventCodec.encode(AuditRows.event(r)), chain, seq);
      byte[] hash = hasher.link(prev, chain, seq, encoded);
      String newKeyId = keyId.apply(db.queryOne("SELECT key_id FROM audit.logs WHERE chain_id = ? AND seq = ?",
          RowMapper.column(String.class), chain, seq));
      assertThat(db.update("UPDATE audit.logs SET prev_hash = ?, hash = ?, key_id = ? WHERE chain_id = ? AND seq = ?",
          prev, hash, newKeyId, chain, seq)).isEqualTo(1);
      prev = hash;
    }
    assertThat(db.update("UPDATE audit.chains SET last_hash = ? WHERE chain_id = ?", prev, chain)).isEqualTo(1);
  }

  @Test
  void anInsiderRewriteVerifiesCleanWithoutAKeyAndIsDetectedWithTheKeyedChain() {
    write(config("insider-plain").build(), 0, EVENTS);
    write(config("insider-keyed").chainKey(K1).build(), 0, EVENTS);
    assertThat(verify(AuditVerifier.create(db), "insider-plain").intact()).isTrue();
    AuditVerifier keyed = AuditVerifier.create(db, List.of(K1), List.of());
    assertThat(verify(keyed, "insider-keyed").intact()).isTrue();

    insiderRewrite("insider-plain", 10, new ChainHash(), id -> id);
    VerificationResult plain = verify(AuditVerifier.create(db), "insider-plain");
    assertThat(plain.intact()).as("the unkeyed chain cannot tell a consistent rewrite").isTrue();
    assertThat(plain.rowsChecked()).isEqualTo(EVENTS);
    assertThat(db.queryOne("SELECT action FROM audit.logs WHERE chain_id = 'insider-plain' AND seq = 10",
        RowMapper.column(String.class))).isEqualTo("model.delete");

    // Same rewrite on the keyed chain, three ways an attacker without the key could try.
    insiderRewrite("insider-keyed", 10, new ChainHash(), id -> id); // SHA-256, key id kept
    AuditViolation sha = verify(keyed, "insider-keyed").violation();
    assertThat(sha).isNotNull();
    assertThat(sha.kind()).isEqualTo(Kind.MODIFIED);
    assertThat(sha.sequence()).isEqualTo(10);

    insiderRewrite("insider-keyed", 10, new ChainHash(), id -> null); // downgraded to unkeyed rows
    AuditViolation downgraded = verify(keyed, "insider-keyed").violation();
    assertThat(downgraded.kind()).isEqualTo(Kind.MODIFIED);
    assertThat(downgraded.sequence()).isEqualTo(10);
    assertThat(downgraded.description()).contains("not keyed");

    AuditChainKey guessed = AuditChainKey.of("k1", Secret.of("a guess at the key, long enough to be a key too"));
    insiderRewrite("insider-keyed", 10, new ChainHash("k1", guessed.material()), id -> "k1");
    AuditViolation guess = verify(keyed, "insider-keyed").violation();
    assertThat(guess.kind()).isEqualTo(Kind.MODIFIED);
    assertThat(guess.sequence()).isEqualTo(10);
    assertThat(guess.description()).doesNotContain(K1.secret().reveal());
  }

  @Test
  void keysRotateMidChainAndOlderRowsStillVerify() {
    write(config("rotated").chainKey(K1).build(), 0, 20);
    AuditConfig rotated = config("rotated").chainKey(K2).retiredKeys(List.of(K1)).build();
    write(rotated, 20, 20);

    assertThat(db.query("SELECT key_id, count(*) FROM audit.logs WHERE chain_id = 'rotated' GROUP BY key_id ORDER BY 1",
        r -> r.getString(1) + "=" + r.getLong(2))).containsExactly("k1=20", "k2=20");
    VerificationResult both = verify(AuditVerifier.create(db, rotated.verificationKeys(), List.of()), "rotated");
    assertThat(both.intact()).as("%s", both.violation()).isTrue();
    assertThat(both.rowsChecked()).isEqualTo(40);

    AuditViolation onlyNew = verify(AuditVerifier.create(db, List.of(K2), List.of()), "rotated").violation();
    assertThat(onlyNew.sequence()).isEqualTo(1);
    assertThat(onlyNew.description()).contains("'k1', which the verifier was not given");

    AuditViolation unkeyed = verify(AuditVerifier.create(db), "rotated").violation();
    assertThat(unkeyed.description()).contains("verify with the chain keys");
  }

  @Test
  void aTruncatedTailIsDetectedAgainstTheAnchor() throws Exception {
    Path file = anchors.resolve("truncated.anchor");
    write(config("anchored-truncated").chainKey(K1).anchorFile(file).build(), 0, EVENTS);
    AuditAnchor anchor = AuditAnchorStore.file(file).latest("anchored-truncated").orElseThrow();
    assertThat(anchor.sequence()).isEqualTo(EVENTS);
    assertThat(anchor.keyId()).isEqualTo("k1");
    assertThat(Files.readString(file)).doesNotContain(K1.secret().reveal());

    // Rows 31..40 deleted and the head moved back to row 30: consistent, keyed rows remain.
    assertThat(db.update("DELETE FROM audit.logs WHERE chain_id = 'anchored-truncated' AND seq > 30")).isEqualTo(10);
    assertThat(db.update("UPDATE audit.chains SET last_seq = 30, last_hash = (SELECT hash FROM audit.logs"
        + " WHERE chain_id = 'anchored-truncated' AND seq = 30) WHERE chain_id = 'anchored-truncated'")).isEqualTo(1);

    assertThat(verify(AuditVerifier.create(db, List.of(K1), List.of()), "anchored-truncated").intact())
        .as("without the anchor, a cut tail with a moved head looks whole").isTrue();
    AuditViolation v = verify(AuditVerifier.create(db, List.of(K1), List.of(AuditAnchorStore.file(file))),
        "anchored-truncated").violation();
    assertThat(v.kind()).isEqualTo(Kind.MISSING);
    assertThat(v.sequence()).isEqualTo(31);
    assertThat(v.description()).contains("up to position 40").contains("cut from the tail");
  }

  @Test
  void aRebuiltChainWithANewHeadIsDetectedAgainstTheAnchor() {
    Path file = anchors.resolve("rebuilt.anchor");
    AuditConfig writer = config("anchored-rebuilt").chainKey(K1).anchorFile(file).build();
    write(writer, 0, EVENTS);
    AuditAnchor anchor = AuditAnchorStore.file(file).latest("anchored-rebuilt").orElseThrow();

    // The tail from 21 cut and the head moved back, then 30 other events chained on by a writer
    // that publishes no anchor: a consistent keyed chain with a new head at 50.
    db.update("DELETE FROM audit.logs WHERE chain_id = 'anchored-rebuilt' AND seq > 20");
    db.update("UPDATE audit.chains SET last_seq = 20, last_hash = (SELECT hash FROM audit.logs"
        + " WHERE chain_id = 'anchored-rebuilt' AND seq = 20) WHERE chain_id = 'anchored-rebuilt'");
    write(config("anchored-rebuilt").chainKey(K1).build(), 1000, 30);
    assertThat(AuditTestSupport.rows(db, "anchored-rebuilt")).isEqualTo(50);

    AuditVerifier withAnchor = AuditVerifier.create(db, List.of(K1), List.of(AuditAnchorStore.file(file)));
    assertThat(verify(AuditVerifier.create(db, List.of(K1), List.of()), "anchored-rebuilt").intact()).isTrue();
    AuditViolation v = verify(withAnchor, "anchored-rebuilt").violation();
    assertThat(v.kind()).isEqualTo(Kind.MODIFIED);
    assertThat(v.sequence()).isEqualTo(anchor.sequence());
    assertThat(v.description()).contains("rewritten");

    // Nor can the attacker move the anchor: one written without the key fails its MAC.
    AuditAnchorStore.file(file).publish(new AuditAnchor("anchored-rebuilt", 50,
        db.queryOne("SELECT hash FROM audit.logs WHERE chain_id = 'anchored-rebuilt' AND seq = 50", RowMapper.column(byte[].class)),
        "k1", Instant.now(), HexFormat.of().parseHex("00".repeat(32))));
    AuditViolation forged = verify(withAnchor, "anchored-rebuilt").violation();
    assertThat(forged.kind()).isEqualTo(Kind.ANCHOR);
    assertThat(forged.description()).contains("fails its MAC");
  }

  @Test
  void theLogsOwnVerifierUsesItsKeysAndAnchorsAndAHostStoreGetsTheHead() {
    Path file = anchors.resolve("own.anchor");
    RecordingStore host = new RecordingStore();
    AuditConfig config = config("own").chainKey(K2).retiredKeys(List.of(K1)).anchorFile(file).build();
    try (AuditLog log = AuditLog.create(db, config, List.of(host))) {
      log.record(AuditEvent.builder().user("u").action("a").outcome(AuditOutcome.SUCCESS).time(BASE).build());
      log.flush();
      assertThat(log.verifier().verify("own", BASE.minusSeconds(1), BASE.plusSeconds(1)).intact()).isTrue();
    }
    assertThat(host.published).isNotEmpty();
    AuditAnchor last = host.published.get(host.published.size() - 1);
    assertThat(last.sequence()).isEqualTo(1);
    assertThat(AuditAnchorStore.file(file).latest("own")).contains(last);
    assertThat(last.keyId()).isEqualTo("k2");
    assertThat(dev.citadel.client.audit.internal.AnchorMac.verifies(K2, last)).isTrue();
    assertThat(dev.citadel.client.audit.internal.AnchorMac.verifies(AuditChainKey.of("k2", K1.secret()), last)).isFalse();
  }

  /** A host's own store, keeping every anchor in memory. */
  static final class RecordingStore implements AuditAnchorStore {
    final List<AuditAnchor> published = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "host store";
    }

    @Override
    public void publish(AuditAnchor anchor) {
      published.add(anchor);
    }

    @Override
    public java.util.Optional<AuditAnchor> latest(String chainId) {
      return published.stream().filter(a -> a.chainId().equals(chainId)).reduce((a, b) -> b);
    }
  }
}
