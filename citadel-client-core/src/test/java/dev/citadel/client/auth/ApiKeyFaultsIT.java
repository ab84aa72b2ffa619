package dev.citadel.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.CitadelException;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.auth.internal.KeyFormat;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.AuditOverflowPolicy;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13, item 6: API keys under attack and under faults. A flood of bad keys against a full
 * audit log, and usage flushes that fail half-way or lose their commit's reply, against the test
 * kit's PostgreSQL (through its TCP proxy where a connection must break).
 */
@ExtendWith(CitadelTestKitExtension.class)
class ApiKeyFaultsIT {
  private static final AuthConfig AUTH = AuthConfig.builder().keyPepper("faults-pepper-0123456789abcdef")
      .usageFlushInterval(Duration.ofHours(1)).build();

  @Test
  void aFloodOfBadKeysIsRefusedFastAndTypedWhileTheAuditLogIsFullAndIsAuditedAsBoundedSummaries(
      TestDatabase testDb) {
    String chain = "keys-flood-" + UUID.randomUUID().toString().substring(0, 8);
    AuditConfig tinyBlocking = AuditConfig.builder().chainId(chain).spillMaxMegabytes(0)
        .bufferCapacity(4).batchSize(4).flushInterval(Duration.ofMillis(50))
        .overflowPolicy(AuditOverflowPolicy.BLOCK).overflowTimeout(Duration.ofSeconds(2)).build();
    try (Database db = migrated(testDb);
        TcpProxy proxy = TcpProxy.start(testDb.host(), testDb.port());
        Database auditDb = Database.create(throughProxy(testDb, proxy));
        AuditLog audit = AuditLog.create(auditDb, tinyBlocking);
        ApiKeys keys = ApiKeys.create(db, AUTH, ApiKeyCache.NONE, audit)) {
      IssuedKey real = keys.issue("flood-target", Set.of(), Set.of(), null, null);
      String wrongSecret = KeyFormat.format(real.prefix(), KeyFormat.randomSecret());
      audit.flush();

      proxy.cut(); // the audit writer cannot drain: its buffer of 4 fills and stays full
      Map<RejectionReason, Integer> sent = new EnumMap<>(RejectionReason.class);
      long slowestNanos = 0;
      try {
        for (int i = 0; i < 600; i++) {
          String presented = switch (i % 3) {
            case 0 -> "not-a-key-" + i;
            case 1 -> KeyFormat.format(KeyFormat.randomPrefix(), KeyFormat.randomSecret());
            default -> wrongSecret;
          };
          long start = System.nanoTime();
          assertThatThrownBy(() -> keys.authenticate(presented))
              .as("attempt %d", i).isInstanceOf(ApiKeyRejectedException.class);
          slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
          sent.merge(i % 3 == 0 ? RejectionReason.MALFORMED : RejectionReason.UNKNOWN, 1, Integer::sum);
        }
      } finally {
        proxy.restore();
      }
      assertThat(Duration.ofNanos(slowestNanos)).as("slowest rejection").isLessThan(Duration.ofSeconds(1));

      // An event written proves the audit writer is back before the summaries arrive.
      audit.record(AuditEvent.builder().service("test").action("test.writer_back").outcome(AuditOutcome.SUCCESS)
          .build());
      audit.flush(Duration.ofSeconds(30));
      assertThat(keys.flushRejectionSummaries()).isPositive();
      audit.flush(Duration.ofSeconds(30));
      List<Map<String, Object>> summaries = db.query("SELECT resource, details->>'reason' AS reason,"
              + " (details->>'rejections')::bigint AS rejections FROM audit.logs"
              + " WHERE chain_id = ? AND action = 'api_key.authenticate'",
          rs -> Map.<String, Object>of("resource", rs.getString("resource"), "reason", rs.getString("reason"),
              "rejections", rs.getLong("rejections")), chain);
      assertThat(summaries).as("bounded: up to 32 prefixes itemized, the rest one per reason")
          .hasSizeLessThanOrEqualTo(32 + RejectionReason.values().length);
      Map<String, Long> perReason = new HashMap<>();
      summaries.forEach(s -> perReason.merge((String) s.get("reason"), (Long) s.get("rejections"), Long::sum));
      assertThat(perReason).containsExactlyInAnyOrderEntriesOf(Map.of(
          "MALFORMED", (long) sent.get(RejectionReason.MALFORMED), "UNKNOWN", (long) sent.get(RejectionReason.UNKNOWN)));
      assertThat(summaries).as("the targeted key's prefix has its own count")
          .contains(Map.of("resource", "api_key:" + real.prefix(), "reason", "UNKNOWN", "rejections", 200L));
    }
  }

  @Test
  void aUsageFlushFailingHalfWayIsWrittenOnceByTheNextFlush(TestDatabase testDb) {
    String owner = "usage-batch-" + UUID.randomUUID();
    try (Database db = migrated(testDb); ApiKeys keys = ApiKeys.create(db, AUTH)) {
      // More rows than PgJDBC sends between two Syncs (256), so an auto-commit batch commits in parts.
      for (int i = 0; i < 300; i++) {
        keys.authenticate(keys.issue(owner, Set.of(), Set.of(), null, null).plaintext());
      }
      db.update("CREATE SEQUENCE api.usage_poison_seq");
      db.update("CREATE FUNCTION api.usage_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " IF nextval('api.usage_poison_seq') = 280 THEN RAISE EXCEPTION 'row 280 refused'; END IF;"
          + " RETURN NEW; END $$");
      db.update("CREATE TRIGGER usage_poison BEFORE INSERT ON api.key_usage"
          + " FOR EACH ROW EXECUTE FUNCTION api.usage_poison()");
      try {
        assertThatThrownBy(keys::flushUsage).isInstanceOf(CitadelException.class);
        keys.flushUsage();
      } finally {
        db.update("DROP TRIGGER usage_poison ON api.key_usage");
        db.update("DROP FUNCTION api.usage_poison()");
        db.update("DROP SEQUENCE api.usage_poison_seq");
      }
      long[] stored = db.queryOne("SELECT count(*), coalesce(sum(u.requests), 0), coalesce(max(u.requests), 0)"
              + " FROM api.key_usage u JOIN api.keys k ON k.id = u.key_id WHERE k.owner = ?",
          rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, owner);
      assertThat(stored).as("rows, total, largest count").containsExactly(300, 300, 1);
    }
  }

  @Test
  void aUsageFlushWhoseCommitReplyIsLostIsCountedOnce(TestDatabase testDb) throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (Database db = migrated(testDb);
        TcpProxy proxy = TcpProxy.start(testDb.host(), testDb.port());
        Database proxied = Database.create(throughProxy(testDb, proxy));
        ApiKeys keys = ApiKeys.create(proxied, AUTH)) {
      IssuedKey key = keys.issue("usage-in-doubt", Set.of(), Set.of(), null, null);
      for (int i = 0; i < 3; i++) {
        keys.authenticate(key.plaintext());
      }
      // The commit takes 2 s on the server; the connection is cut meanwhile, so the commit
      // happens but its reply never arrives.
      db.update("CREATE FUNCTION api.slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " PERFORM pg_sleep(2); RETURN NULL; END $$");
      db.update("CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT OR UPDATE ON api.key_usage"
          + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION api.slow_commit()");
      try {
        CompletableFuture<Void> flush = CompletableFuture.runAsync(keys::flushUsage);
        await().atMost(Duration.ofSeconds(20)).until(() -> db.queryOne("SELECT count(*) FROM pg_stat_activity"
            + " WHERE wait_event = 'PgSleep' AND datname = current_database()", RowMapper.column(Long.class)) > 0);
        proxy.cut();
        assertThatThrownBy(() -> flush.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CitadelException.class);
        proxy.restore();
      } finally {
        db.update("DROP TRIGGER slow_commit ON api.key_usage"); // waits for the sleeping commit
        db.update("DROP FUNCTION api.slow_commit()");
      }
      assertThat(keys.usage(key.id(), today, today)).as("the commit landed").containsExactly(Map.entry(today, 3L));

      await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(CitadelException.class).untilAsserted(() -> {
        keys.flushUsage();
        assertThat(keys.usage(key.id(), today, today)).containsExactly(Map.entry(today, 3L));
      });
      keys.authenticate(key.plaintext());
      keys.flushUsage();
      assertThat(keys.usage(key.id(), today, today)).as("counted once, and counting goes on")
          .containsExactly(Map.entry(today, 4L));
    }
  }

  private static Database migrated(TestDatabase testDb) {
    Database db = Database.create(TestConfigs.citadel(testDb));
    db.migrate();
    return db;
  }

  private static CitadelConfig throughProxy(TestDatabase testDb, TcpProxy proxy) {
    return TestConfigs.citadel(proxy.database(testDb));
  }
}
