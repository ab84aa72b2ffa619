package dev.citadel.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.ConfigException;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.NotFoundException;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.support.MapApiKeyCache;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CitadelTestKitExtension.class)
class ApiKeysIT {
  private static final AuthConfig AUTH = AuthConfig.builder().keyPepper("test-pepper-0123456789abcdef")
      .usageFlushInterval(Duration.ofHours(1)).build();
  private static final AtomicInteger DB_CALLS = new AtomicInteger();
  private static Database db;
  private static ApiKeys keys;

  @BeforeAll
  static void start(TestDatabase testDb) {
    CitadelMetrics counting = new CitadelMetrics() {
      @Override
      public void recordCall(String client, String backend, String operation, long nanos, boolean success) {
        DB_CALLS.incrementAndGet();
      }
    };
    db = Database.create(TestConfigs.citadel(testDb), counting);
    db.migrate();
    keys = ApiKeys.create(db, AUTH);
  }

  @AfterAll
  static void stop() {
    keys.close();
    db.close();
  }

  @Test
  void issuedKeysAuthenticateAndOnlyAKeyedHashIsStored() {
    IssuedKey issued = keys.issue("svc-chat", Set.of("chat:write", "chat:read"), Set.of("mixtral"), null, "chat");
    assertThat(issued.plaintext()).matches("ck_[A-Za-z0-9]{10}_[A-Za-z0-9]{40}").contains(issued.prefix());
    assertThat(issued.toString()).doesNotContain(issued.plaintext());

    Principal principal = keys.authenticate(issued.plaintext());
    assertThat(principal.keyId()).isEqualTo(issued.id());
    assertThat(principal.owner()).isEqualTo("svc-chat");
    assertThat(principal.hasScope("chat:write")).isTrue();
    assertThat(principal.hasScope("admin")).isFalse();
    assertThat(principal.allowsModel("mixtral")).isTrue();
    assertThat(principal.allowsModel("phi3")).isFalse();

    String secret = issued.plaintext().substring(issued.plaintext().lastIndexOf('_') + 1);
    String storedRow = db.queryOne("SELECT row_to_json(k)::text FROM api.keys k WHERE id = ?",
        RowMapper.column(String.class), issued.id());
    assertThat(storedRow).doesNotContain(secret).doesNotContain(issued.plaintext());
    byte[] hash = db.queryOne("SELECT secret_hash FROM api.keys WHERE id = ?", r -> r.getBytes(1), issued.id());
    assertThat(hash).hasSize(32);

    assertThat(keys.list("svc-chat")).extracting(ApiKeyInfo::prefix).contains(issued.prefix());
  }

  @Test
  void wrongSecretsUnknownPrefixesAndExpiredKeysAreRejectedTyped() {
    IssuedKey issued = keys.issue("svc", Set.of(), Set.of(), null, null);
    String wrongSecret = issued.plaintext().substring(0, issued.plaintext().length() - 1)
        + (issued.plaintext().endsWith("a") ? "b" : "a");
    assertThatThrownBy(() -> keys.authenticate(wrongSecret))
        .isInstanceOf(ApiKeyRejectedException.class)
        .hasMessageNotContaining(wrongSecret.substring(14))
        .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.UNKNOWN);
    String unknownPrefix = "ck_ZZZZZZZZZZ" + issued.plaintext().substring(13);
    assertThatThrownBy(() -> keys.authenticate(unknownPrefix))
        .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.UNKNOWN);

    IssuedKey expired = keys.issue("svc", Set.of(), Set.of(), Instant.now().minusSeconds(1), null);
    assertThatThrownBy(() -> keys.authenticate(expired.plaintext()))
        .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.EXPIRED);
  }

  @Test
  void malformedKeysAreRejectedWithoutTouchingTheDatabase() {
    int before = DB_CALLS.get();
    for (String bad : new String[] {null, "", "ck_", "x".repeat(10_000),
        "ck_abcdefghij_" + "!".repeat(40), "xx_abcdefghij_" + "a".repeat(40), "ck_abcdefghij-" + "a".repeat(40)}) {
      assertThatThrownBy(() -> keys.authenticate(bad))
          .isInstanceOf(ApiKeyRejectedException.class)
          .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.MALFORMED);
    }
    assertThat(DB_CALLS.get()).isEqualTo(before);
  }

  @Test
  void revocationIsSeenAtOnceByAnotherInstanceSharingTheCache() {
    ApiKeyCache shared = new MapApiKeyCache();
    try (ApiKeys first = ApiKeys.create(db, AUTH, shared); ApiKeys second = ApiKeys.create(db, AUTH, shared)) {
      IssuedKey issued = first.issue("svc", Set.of("read"), Set.of(), null, null);
      assertThat(second.authenticate(issued.plaintext()).owner()).isEqualTo("svc");
      assertThat(shared.get(issued.prefix())).as("cached by the second instance").isPresent();

      first.revoke(issued.id());
      assertThatThrownBy(() -> second.authenticate(issued.plaintext()))
          .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.REVOKED);
      first.revoke(issued.id());
      assertThatThrownBy(() -> first.revoke(java.util.UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }
    IssuedKey uncached = keys.issue("svc", Set.of(), Set.of(), null, null);
    keys.revoke(uncached.id());
    assertThatThrownBy(() -> keys.authenticate(uncached.plaintext()))
        .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.REVOKED);
  }

  @Test
  void aRevocationTheSharedCacheRefusesIsReportedAndThisInstanceStopsTrustingTheCache() {
    MapApiKeyCache shared = new MapApiKeyCache();
    try (ApiKeys instance = ApiKeys.create(db, AUTH, shared)) {
      IssuedKey issued = instance.issue("svc", Set.of(), Set.of(), null, null);
      instance.authenticate(issued.plaintext());
      shared.refuseTombstones = true;
      assertThatThrownBy(() -> instance.revoke(issued.id()))
          .isInstanceOfSatisfying(RevocationNotPropagatedException.class, e -> {
            assertThat(e.keyId()).isEqualTo(issued.id());
            assertThat(e.backend()).isEqualTo("redis");
          });
      assertThat(shared.get(issued.prefix()).orElseThrow().revoked()).as("the cache still says valid").isFalse();
      assertThatThrownBy(() -> instance.authenticate(issued.plaintext()))
          .extracting(e -> ((ApiKeyRejectedException) e).reason()).isEqualTo(RejectionReason.REVOKED);

      shared.refuseTombstones = false;
      await().atMost(Duration.ofSeconds(20)).until(() -> shared.hasTombstone(issued.prefix()));
    }
  }

  @Test
  void usageIsCountedInBatchesPerKeyAndDay() {
    IssuedKey issued = keys.issue("svc-usage", Set.of(), Set.of(), null, null);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    for (int i = 0; i < 5; i++) {
      keys.authenticate(issued.plaintext());
    }
    assertThat(keys.usage(issued.id(), today, today)).as("nothing written per request").isEmpty();
    keys.flushUsage();
    assertThat(keys.usage(issued.id(), today, today)).containsExactly(Map.entry(today, 5L));
    for (int i = 0; i < 3; i++) {
      keys.authenticate(issued.plaintext());
    }
    keys.flushUsage();
    assertThat(keys.usage(issued.id(), today.minusDays(1), today)).containsExactly(Map.entry(today, 8L));
  }

  @Test
  void aBlankOwnerIsAnInvalidArgument() {
    assertThatThrownBy(() -> keys.issue(" ", Set.of(), Set.of(), null, null))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("owner"));
  }

  @Test
  void aPepperIsRequired() {
    assertThatThrownBy(() -> ApiKeys.create(db, AuthConfig.builder().build()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("auth.key_pepper:");
    assertThatThrownBy(() -> AuthConfig.builder().keyPepper("short").build())
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("auth.key_pepper:")
        .hasMessageNotContaining("short");
  }
}
