package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.Citadel;
import dev.citadel.client.audit.AuditAnchor;
import dev.citadel.client.audit.AuditAnchorStore;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditException;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.audit.AuditVerifier;
import dev.citadel.client.audit.AuditViolation;
import dev.citadel.client.audit.AuditViolation.Kind;
import dev.citadel.client.audit.VerificationResult;
import dev.citadel.client.audit.internal.AnchorMac;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.AuditChainKey;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.Secret;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import io.lettuce.core.api.sync.RedisHashCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache module's audit anchor store on the kit's Redis: {@code Citadel.audit()} with a keyed
 * chain publishes its head to Redis (slot 2's database, {@code audit:anchor:{chain}}), and the
 * verifier detects against that anchor what the chain alone cannot show: a tail cut with the head
 * moved back, and a chain rebuilt with a new head. A stale writer cannot move the anchor back,
 * even when writers race.
 */
class AuditAnchorRedisIT {
  private static final int EVENTS = 40;
  private static final String KEY_ID = "k1";
  private static final String SECRET = "anchor-it key: 32 bytes or more of material, random in production";
  private static final AuditChainKey KEY = AuditChainKey.of(KEY_ID, Secret.of(SECRET));
  private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @TempDir static Path spill;
  private static TestDatabase testDb;
  private static TestRedis.Raw raw;

  @BeforeAll
  static void start() {
    testDb = CitadelTestKit.postgres().createDatabase();
    raw = TestRedis.Raw.of(CitadelTestKit.redis());
  }

  @AfterAll
  static void stop() {
    raw.close();
    testDb.close();
  }

  private static CitadelConfig config(String chain) {
    TestConfig values = CitadelTestKit.config(testDb, CitadelTestKit.redis())
        .with("client.name", "anchor_it")
        .with("audit.chain_id", chain)
        .with("audit.chain_key.id", KEY_ID)
        .with("audit.chain_key.secret", SECRET)
        .with("audit.spill.directory", spill.toString());
    return CitadelConfig.fromValues(values.values());
  }

  /** Writes {@code count} events through {@code Citadel.audit()}, which publishes to Redis on close. */
  private static void write(String chain, int from, int count) {
    try (Citadel citadel = Citadel.create(config(chain))) {
      citadel.database().migrate();
      AuditLog audit = citadel.audit();
      for (int i = from; i < from + count; i++) {
        audit.record(AuditEvent.builder().time(BASE.plusSeconds(i)).user("anchor-target").action("model.infer")
            .resource("doc-" + i).outcome(AuditOutcome.SUCCESS).build());
      }
    }
  }

  private static VerificationResult verify(Database db, String chain, List<AuditAnchorStore> stores) {
    return AuditVerifier.create(db, List.of(KEY), stores).verify(chain, BASE.minusSeconds(1), BASE.plus(Duration.ofHours(1)));
  }

  private static RedisHashCommands<String, String> anchorDb() {
    return raw.db(Slot.QUEUES.database());
  }

  private static String chain(String name) {
    return name + "-" + RUN;
  }

  @Test
  void citadelPublishesTheKeyedHeadToRedisAndATruncatedTailIsDetectedAgainstIt() {
    String chain = chain("truncated");
    write(chain, 0, EVENTS);

    Map<String, String> stored = anchorDb().hgetall("audit:anchor:" + chain);
    assertThat(stored).containsEntry("sequence", String.valueOf(EVENTS)).containsEntry("key_id", KEY_ID)
        .containsKeys("hash", "published_at", "mac");
    assertThat(stored.values()).noneMatch(v -> v.contains(SECRET));

    try (Citadel citadel = Citadel.create(config(chain))) {
      Database db = citadel.database();
      AuditAnchorStore redis = citadel.extension(CitadelCache.class).orElseThrow().auditAnchorStore().orElseThrow();
      assertThat(HexFormat.of().formatHex(redis.latest(chain).orElseThrow().hash())).isEqualTo(stored.get("hash"))
          .isEqualTo(HexFormat.of().formatHex(db.queryOne("SELECT hash FROM audit.logs WHERE chain_id = ? AND seq = ?",
              RowMapper.column(byte[].class), chain, EVENTS)));
      assertThat(citadel.audit().verifier().verify(chain, BASE.minusSeconds(1), BASE.plus(Duration.ofHours(1))).intact())
          .isTrue();

      // An insider deletes rows 31..40 and moves the head back to row 30: the keyed chain left is whole.
      assertThat(db.update("DELETE FROM audit.logs WHERE chain_id = ? AND seq > 30", chain)).isEqualTo(10);
      assertThat(db.update("UPDATE audit.chains SET last_seq = 30, last_hash = (SELECT hash FROM audit.logs"
          + " WHERE chain_id = ? AND seq = 30) WHERE chain_id = ?", chain, chain)).isEqualTo(1);

      assertThat(verify(db, chain, List.of()).intact()).as("without the anchor a cut tail looks whole").isTrue();
      AuditViolation v = verify(db, chain, List.of(redis)).violation();
      assertThat(v).isNotNull();
      assertThat(v.kind()).isEqualTo(Kind.MISSING);
      assertThat(v.sequence()).isEqualTo(31);
      assertThat(v.description()).contains("up to position " + EVENTS).contains("cut from the tail")
          .contains(redis.name());
      AuditViolation own = citadel.audit().verifier().verify(chain, BASE.minusSeconds(1), BASE.plus(Duration.ofHours(1)))
          .violation();
      assertThat(own.kind()).as("Citadel's own verifier reads the Redis anchor").isEqualTo(Kind.MISSING);
    }
  }

  @Test
  void aRebuiltChainWithANewHeadIsDetectedAgainstTheRedisAnchorAndAForgedAnchorFailsItsMac() {
    String chain = chain("rebuilt");
    write(chain, 0, EVENTS);
    try (Citadel citadel = Citadel.create(config(chain))) {
      Database db = citadel.database();
      AuditAnchorStore redis = citadel.extension(CitadelCache.class).orElseThrow().auditAnchorStore().orElseThrow();
      AuditAnchor anchor = redis.latest(chain).orElseThrow();
      assertThat(anchor.sequence()).isEqualTo(EVENTS);

      // Tail from 21 cut, head moved back, then 30 other events chained on by a writer with the key
      // that publishes no anchor (the insider ran the application without Redis): a whole keyed
      // chain with a new head at 50.
      db.update("DELETE FROM audit.logs WHERE chain_id = ? AND seq > 20", chain);
      db.update("UPDATE audit.chains SET last_seq = 20, last_hash = (SELECT hash FROM audit.logs"
          + " WHERE chain_id = ? AND seq = 20) WHERE chain_id = ?", chain, chain);
      try (AuditLog unanchored = AuditLog.create(db, citadel.config().audit())) {
        for (int i = 1000; i < 1030; i++) {
          unanchored.record(AuditEvent.builder().time(BASE.plusSeconds(i)).user("insider").action("model.infer")
              .outcome(AuditOutcome.SUCCESS).build());
        }
      }
      assertThat(db.queryOne("SELECT count(*) FROM audit.logs WHERE chain_id = ?", RowMapper.column(Long.class), chain))
          .isEqualTo(50L);
      assertThat(redis.latest(chain)).as("the unanchored writer left Redis alone").contains(anchor);

      assertThat(verify(db, chain, List.of()).intact()).isTrue();
      AuditViolation rebuilt = verify(db, chain, List.of(redis)).violation();
      assertThat(rebuilt.kind()).isEqualTo(Kind.MODIFIED);
      assertThat(rebuilt.sequence()).isEqualTo(EVENTS);
      assertThat(rebuilt.description()).contains("rewritten");

      // The insider, who can also write Redis, moves the anchor to the new head without the key.
      byte[] newHead = db.queryOne("SELECT hash FROM audit.logs WHERE chain_id = ? AND seq = 50",
          RowMapper.column(byte[].class), chain);
      anchorDb().hset("audit:anchor:" + chain, Map.of("sequence", "50", "hash", HexFormat.of().formatHex(newHead),
          "mac", "00".repeat(32)));
      AuditViolation forged = verify(db, chain, List.of(redis)).violation();
      assertThat(forged.kind()).isEqualTo(Kind.ANCHOR);
      assertThat(forged.description()).contains("fails its MAC").contains(redis.name()).doesNotContain(SECRET);

      // A damaged anchor is an error, not an empty store.
      anchorDb().hdel("audit:anchor:" + chain, "mac");
      assertThatThrownBy(() -> verify(db, chain, List.of(redis))).isInstanceOf(AuditException.class)
          .hasMessageContaining("audit:anchor:" + chain).hasMessageContaining("'mac' is missing");
    }
  }

  @Test
  void aStaleWriterCannotMoveTheAnchorBackEvenWhenWritersRace() throws Exception {
    String chain = chain("race");
    int writers = 8;
    int perWriter = 25;
    List<CitadelCache> caches = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int w = 0; w < writers; w++) {
        caches.add(TestRedis.cache(TestRedis.standalone(CitadelTestKit.redis()), b -> b)); // a connection each
      }
      AuditAnchorStore first = caches.get(0).auditAnchorStore().orElseThrow();
      first.publish(anchor(chain, 10));
      first.publish(anchor(chain, 9));
      assertThat(first.latest(chain).orElseThrow().sequence()).as("an older head is not written").isEqualTo(10);
      first.publish(anchor(chain, 10));
      assertThat(first.latest(chain).orElseThrow().sequence()).isEqualTo(10);

      // Every writer publishes its own positions in a shuffled order, all starting together: the
      // store must end at the highest position, whichever write lands last.
      List<Long> all = new ArrayList<>();
      for (long s = 11; s < 11 + (long) writers * perWriter; s++) {
        all.add(s);
      }
      long highest = all.get(all.size() - 1);
      Collections.shuffle(all);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        AuditAnchorStore store = caches.get(w).auditAnchorStore().orElseThrow();
        List<Long> mine = all.subList(w * perWriter, (w + 1) * perWriter);
        done.add(pool.submit(() -> {
          go.await();
          for (long s : mine) {
            store.publish(anchor(chain, s));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      AuditAnchor latest = first.latest(chain).orElseThrow();
      assertThat(latest.sequence()).isEqualTo(highest);
      assertThat(latest).isEqualTo(anchor(chain, highest));
      assertThat(AnchorMac.verifies(KEY, latest)).isTrue();
      assertThat(first.latest(chain("never-published"))).isEmpty();
    } finally {
      pool.shutdownNow();
      caches.forEach(CitadelCache::close);
    }
  }

  /** A valid anchor at {@code seq}: hash and time derived from it, so equal positions give equal anchors. */
  private static AuditAnchor anchor(String chain, long seq) {
    byte[] hash = new byte[32];
    java.util.Arrays.fill(hash, (byte) seq);
    return AnchorMac.sign(KEY, chain, seq, hash, BASE.plusSeconds(seq));
  }
}
