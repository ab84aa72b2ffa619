package dev.citadel.client.auth;

import dev.citadel.client.ConfigException;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.NotFoundException;
import dev.citadel.client.auth.internal.KeyFormat;
import dev.citadel.client.auth.internal.KeyHasher;
import dev.citadel.client.auth.internal.UsageCounter;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.metadata.internal.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys in {@code api.keys}: issue (the plaintext is returned once; only an HMAC of the
 * secret is stored), authenticate, revoke, list and count usage.
 *
 * <p>{@link #authenticate} rejects malformed keys without a database call, finds the row by the
 * key's public prefix, and compares the keyed hash in constant time; an unknown prefix costs the
 * same hashing work as a known one. With an {@link ApiKeyCache} (e.g. the cache module's shared
 * one) verified keys, and unknown prefixes briefly, are served from it; {@link #revoke} writes a
 * tombstone there, so every process sharing the cache refuses the key at once. Usage is counted
 * in memory and written in batches every {@code auth.usage_flush_interval}.
 *
 * <p>Thread-safe. {@link #close()} flushes usage and stops the flush thread; the
 * {@link Database} and the cache stay the caller's.
 */
public final class ApiKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final String COLUMNS =
      "id, prefix, secret_hash, owner, name, scopes, models, expires_at, revoked_at, created_at";

  private final Database db;
  private final AuthConfig config;
  private final ApiKeyCache cache;
  private final AuditLog audit;
  private final KeyHasher hasher;
  private final UsageCounter usage;
  private final Clock clock;
  private final ScheduledExecutorService flusher;

  private ApiKeys(Database db, AuthConfig config, ApiKeyCache cache, AuditLog audit, Clock clock) {
    this.db = db;
    this.config = config;
    this.cache = cache;
    this.audit = audit;
    this.clock = clock;
    this.hasher = new KeyHasher(config.keyPepper().reveal());
    this.usage = new UsageCounter(db);
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "citadel-api-key-usage");
      t.setDaemon(true);
      return t;
    });
    long every = config.usageFlushInterval().toMillis();
    flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * API keys without a cache.
   *
   * @throws ConfigException when {@code auth.key_pepper} is not set
   */
  public static ApiKeys create(Database db, AuthConfig config) {
    return create(db, config, ApiKeyCache.NONE);
  }

  /**
   * API keys with {@code cache} in front of PostgreSQL.
   *
   * @throws ConfigException when {@code auth.key_pepper} is not set
   */
  public static ApiKeys create(Database db, AuthConfig config, ApiKeyCache cache) {
    return create(db, config, cache, null);
  }

  /**
   * API keys with {@code cache} in front of PostgreSQL, recording every issue, revocation and
   * rejected authentication in {@code audit} (null for none; it stays the caller's).
   *
   * @throws ConfigException when {@code auth.key_pepper} is not set
   */
  public static ApiKeys create(Database db, AuthConfig config, ApiKeyCache cache, AuditLog audit) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(cache, "cache");
    if (Objects.requireNonNull(config, "config").keyPepper().isEmpty()) {
      throw new ConfigException("auth.key_pepper", "is required to issue or check API keys");
    }
    return new ApiKeys(db, config, cache, audit, Clock.systemUTC());
  }

  /**
   * Issues a key.
   *
   * @param owner a user id or service name
   * @param scopes what the key may do
   * @param models the models it may use; empty for every model
   * @param expiresAt expiry, or null for never
   * @param name a label, or null
   * @return the key; its plaintext is not stored anywhere
   */
  public IssuedKey issue(String owner, Set<String> scopes, Set<String> models, Instant expiresAt, String name) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner must not be blank");
    }
    String prefix = KeyFormat.randomPrefix();
    String secret = KeyFormat.randomSecret();
    UUID id = db.queryOne("INSERT INTO api.keys (prefix, secret_hash, owner, name, scopes, models, expires_at)"
            + " VALUES (?, ?, ?, ?, ?::text[], ?::text[], ?) RETURNING id", RowMapper.column(UUID.class),
        prefix, hasher.hash(secret), owner, name, scopes.toArray(String[]::new),
        models.isEmpty() ? null : models.toArray(String[]::new), expiresAt);
    audit("api_key.issue", AuditOutcome.SUCCESS, prefix, Map.of("key_id", id.toString(), "owner", owner));
    return new IssuedKey(id, prefix, KeyFormat.format(prefix, secret));
  }

  /**
   * The principal {@code presentedKey} speaks for.
   *
   * @throws ApiKeyRejectedException malformed (no database call), unknown, expired or revoked
   */
  public Principal authenticate(String presentedKey) {
    try {
      return verify(presentedKey);
    } catch (ApiKeyRejectedException e) {
      audit("api_key.authenticate", AuditOutcome.DENIED, e.prefix(), Map.of("reason", e.reason().name()));
      throw e;
    }
  }

  private Principal verify(String presentedKey) {
    KeyFormat.Parsed key = KeyFormat.parse(presentedKey);
    if (key == null) {
      throw new ApiKeyRejectedException(RejectionReason.MALFORMED, null);
    }
    ApiKeyCache.Entry entry = cache.get(key.prefix()).orElseGet(() -> load(key.prefix()));
    if (!hasher.matches(key.secret(), entry.secretHash())) {
      throw new ApiKeyRejectedException(entry.revoked() ? RejectionReason.REVOKED : RejectionReason.UNKNOWN,
          key.prefix());
    }
    if (entry.revoked()) {
      throw new ApiKeyRejectedException(RejectionReason.REVOKED, key.prefix());
    }
    if (entry.expiresAt() != null && !entry.expiresAt().isAfter(clock.instant())) {
      throw new ApiKeyRejectedException(RejectionReason.EXPIRED, key.prefix());
    }
    usage.count(entry.keyId());
    return new Principal(entry.keyId(), key.prefix(), entry.owner(), entry.scopes(), entry.models(),
        entry.expiresAt());
  }

  private ApiKeyCache.Entry load(String prefix) {
    Optional<ApiKeyCache.Entry> row = db.queryOptional(
        "SELECT id, secret_hash, owner, scopes, models, expires_at, revoked_at FROM api.keys WHERE prefix = ?",
        rs -> new ApiKeyCache.Entry(Rows.uuid(rs, "id"), rs.getBytes("secret_hash"), rs.getString("owner"),
            textSet(rs, "scopes"), textSet(rs, "models"), Rows.instant(rs, "expires_at"),
            rs.getObject("revoked_at") != null),
        prefix);
    if (row.isEmpty()) {
      cache.putIfAbsent(prefix, ApiKeyCache.Entry.unknown(), config.negativeCacheTtl());
      return ApiKeyCache.Entry.unknown();
    }
    ApiKeyCache.Entry entry = row.get();
    if (entry.revoked()) {
      cache.putTombstone(prefix, config.cacheTtl());
    } else {
      cache.putIfAbsent(prefix, entry, config.cacheTtl());
    }
    return entry;
  }

  /**
   * Revokes a key: PostgreSQL first, then a tombstone in the cache so that every process sharing
   * it refuses the key at once. Revoking twice is harmless.
   *
   * @throws NotFoundException when no key has {@code keyId}
   */
  public void revoke(UUID keyId) {
    String prefix = db.queryOptional("UPDATE api.keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?"
            + " RETURNING prefix", RowMapper.column(String.class), Objects.requireNonNull(keyId, "keyId"))
        .orElseThrow(() -> new NotFoundException("API key", keyId));
    cache.putTombstone(prefix, config.cacheTtl());
    audit("api_key.revoke", AuditOutcome.SUCCESS, prefix, Map.of("key_id", keyId.toString()));
  }

  private void audit(String action, AuditOutcome outcome, String prefix, Map<String, ?> details) {
    if (audit != null) {
      audit.record(AuditEvent.builder().service("citadel-api-keys").action(action).outcome(outcome)
          .resource(prefix == null ? "api_key" : "api_key:" + prefix).details(details).build());
    }
  }

  /** The keys of {@code owner}, newest first, without secrets. */
  public List<ApiKeyInfo> list(String owner) {
    return db.query("SELECT " + COLUMNS + " FROM api.keys WHERE owner = ? ORDER BY created_at DESC",
        ApiKeys::info, owner);
  }

  /** Requests counted for {@code keyId} per UTC day in {@code [from, to]}, flushed ones only. */
  public Map<LocalDate, Long> usage(UUID keyId, LocalDate from, LocalDate to) {
    Map<LocalDate, Long> out = new LinkedHashMap<>();
    db.query("SELECT day, requests FROM api.key_usage WHERE key_id = ? AND day BETWEEN ? AND ? ORDER BY day",
        rs -> out.put(rs.getObject("day", LocalDate.class), rs.getLong("requests")), keyId, from, to);
    return out;
  }

  /** Writes the usage counted so far (also done every {@code auth.usage_flush_interval}). */
  public void flushUsage() {
    usage.flush();
  }

  private void flushQuietly() {
    try {
      usage.flush();
    } catch (RuntimeException e) {
      LOG.warn("API key usage not written yet (kept for the next flush): {}", e.getMessage());
    }
  }

  /** Stops the flush thread and writes pending usage (idempotent). */
  @Override
  public void close() {
    if (flusher.isShutdown()) {
      return;
    }
    flusher.shutdown();
    try {
      if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
        flusher.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    usage.flush();
  }

  private static ApiKeyInfo info(ResultSet rs) throws SQLException {
    return new ApiKeyInfo(Rows.uuid(rs, "id"), rs.getString("prefix"), rs.getString("owner"), rs.getString("name"),
        textSet(rs, "scopes"), textSet(rs, "models"), Rows.instant(rs, "expires_at"),
        Rows.instant(rs, "revoked_at"), Rows.instant(rs, "created_at"));
  }

  private static Set<String> textSet(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
  }
}
