package dev.citadel.client.auth.internal;

import dev.citadel.client.ConfigException;
import dev.citadel.client.NotFoundException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.auth.ApiKeyCache;
import dev.citadel.client.auth.ApiKeyInfo;
import dev.citadel.client.auth.ApiKeyRejectedException;
import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.auth.IssuedKey;
import dev.citadel.client.auth.Principal;
import dev.citadel.client.auth.RejectionReason;
import dev.citadel.client.auth.RevocationNotPropagatedException;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.metadata.internal.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ApiKeys} over PostgreSQL ({@code api.keys}, {@code api.key_usage}), with an optional
 * {@link ApiKeyCache} in front and an optional audit log. Two daemon threads do the background
 * work: usage flushes, rejection summaries for the audit log, and tombstones to retry.
 */
public final class PgApiKeys implements ApiKeys {
  private static final Logger LOG = LoggerFactory.getLogger(PgApiKeys.class);
  /** How often rejected authentications are summarized into the audit log. */
  static final Duration REJECTION_SUMMARY_INTERVAL = Duration.ofMinutes(1);
  private static final String COLUMNS =
      "id, prefix, secret_hash, owner, name, scopes, models, expires_at, revoked_at, created_at";

  private final Database db;
  private final AuthConfig config;
  private final ApiKeyCache cache;
  private final AuditLog audit;
  private final KeyHasher hasher;
  private final UsageCounter usage;
  private final RejectionAudit rejections;
  private final TombstoneWriter tombstones;
  private final Clock clock;
  private final ScheduledExecutorService background;

  private PgApiKeys(Database db, AuthConfig config, ApiKeyCache cache, AuditLog audit, Clock clock) {
    this.db = db;
    this.config = config;
    this.cache = cache;
    this.audit = audit;
    this.clock = clock;
    this.hasher = new KeyHasher(config.keyPepper().reveal());
    this.usage = new UsageCounter(db);
    this.rejections = new RejectionAudit(audit, clock);
    AtomicInteger threads = new AtomicInteger();
    // Two threads: a summary waiting on a full audit log must not hold up usage flushes.
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "citadel-api-keys-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() does the last round itself
    this.background = executor;
    this.tombstones = new TombstoneWriter(cache, config.cacheTtl(), clock, background);
    long every = config.usageFlushInterval().toMillis();
    background.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    if (audit != null) {
      long summaryEvery = REJECTION_SUMMARY_INTERVAL.toMillis();
      background.scheduleWithFixedDelay(this::summarizeQuietly, summaryEvery, summaryEvery, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * See {@link ApiKeys#create(Database, AuthConfig, ApiKeyCache, AuditLog)}.
   *
   * @throws ConfigException when {@code auth.key_pepper} is not set
   */
  public static ApiKeys create(Database db, AuthConfig config, ApiKeyCache cache, AuditLog audit) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(cache, "cache");
    if (Objects.requireNonNull(config, "config").keyPepper().isEmpty()) {
      throw new ConfigException("auth.key_pepper", "is required to issue or check API keys");
    }
    return new PgApiKeys(db, config, cache, audit, Clock.systemUTC());
  }

  @Override
  public IssuedKey issue(String owner, Set<String> scopes, Set<String> models, Instant expiresAt, String name) {
    Rows.requireText(owner, "owner");
    String prefix = KeyFormat.randomPrefix();
    String secret = KeyFormat.randomSecret();
    UUID id = db.queryOne("INSERT INTO api.keys (prefix, secret_hash, owner, name, scopes, models, expires_at)"
            + " VALUES (?, ?, ?, ?, ?::text[], ?::text[], ?) RETURNING id", RowMapper.column(UUID.class),
        prefix, hasher.hash(secret), owner, name, scopes.toArray(String[]::new),
        models.isEmpty() ? null : models.toArray(String[]::new), expiresAt);
    audit("api_key.issue", AuditOutcome.SUCCESS, prefix, Map.of("key_id", id.toString(), "owner", owner));
    return new IssuedKey(id, prefix, KeyFormat.format(prefix, secret));
  }

  @Override
  public Principal authenticate(String presentedKey) {
    try {
      return verify(presentedKey);
    } catch (ApiKeyRejectedException e) {
      rejections.count(e.reason(), e.prefix());
      throw e;
    }
  }

  private Principal verify(String presentedKey) {
    KeyFormat.Parsed key = KeyFormat.parse(presentedKey);
    if (key == null) {
      throw new ApiKeyRejectedException(RejectionReason.MALFORMED, null);
    }
    ApiKeyCache.Entry entry = tombstones.bypassCache(key.prefix()) ? load(key.prefix())
        : cache.get(key.prefix()).orElseGet(() -> load(key.prefix()));
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
      putTombstoneQuietly(prefix);
    } else {
      cache.putIfAbsent(prefix, entry, config.cacheTtl());
    }
    return entry;
  }

  @Override
  public void revoke(UUID keyId) {
    String prefix = db.queryOptional("UPDATE api.keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?"
            + " RETURNING prefix", RowMapper.column(String.class), Objects.requireNonNull(keyId, "keyId"))
        .orElseThrow(() -> new NotFoundException("API key", keyId));
    RuntimeException tombstoneFailure = null;
    try {
      tombstones.write(prefix);
    } catch (RuntimeException e) {
      tombstoneFailure = e;
    }
    audit("api_key.revoke", AuditOutcome.SUCCESS, prefix, Map.of("key_id", keyId.toString(),
        "shared_cache", tombstoneFailure == null ? "tombstone written" : "tombstone pending"));
    if (tombstoneFailure != null) {
      throw new RevocationNotPropagatedException(keyId, prefix, config.cacheTtl(),
          tombstoneFailure instanceof UnavailableException u ? u.backend() : "cache", tombstoneFailure);
    }
  }

  /** A tombstone that repeats what PostgreSQL says: PostgreSQL stays the truth when it fails. */
  private void putTombstoneQuietly(String prefix) {
    try {
      cache.putTombstone(prefix, config.cacheTtl());
    } catch (RuntimeException e) {
      LOG.debug("API key '{}': tombstone not cached: {}", prefix, e.toString());
    }
  }

  private void audit(String action, AuditOutcome outcome, String prefix, Map<String, ?> details) {
    if (audit != null) {
      audit.record(AuditEvent.builder().service("citadel-api-keys").action(action).outcome(outcome)
          .resource(prefix == null ? "api_key" : "api_key:" + prefix).details(details).build());
    }
  }

  @Override
  public List<ApiKeyInfo> list(String owner) {
    return db.query("SELECT " + COLUMNS + " FROM api.keys WHERE owner = ? ORDER BY created_at DESC",
        PgApiKeys::info, owner);
  }

  @Override
  public Map<LocalDate, Long> usage(UUID keyId, LocalDate from, LocalDate to) {
    Map<LocalDate, Long> out = new LinkedHashMap<>();
    db.query("SELECT day, requests FROM api.key_usage WHERE key_id = ? AND day BETWEEN ? AND ? ORDER BY day",
        rs -> out.put(rs.getObject("day", LocalDate.class), rs.getLong("requests")), keyId, from, to);
    return out;
  }

  @Override
  public void flushUsage() {
    usage.flush();
  }

  @Override
  public int flushRejectionSummaries() {
    return rejections.summarize();
  }

  private void summarizeQuietly() {
    try {
      rejections.summarize();
    } catch (RuntimeException e) {
      LOG.warn("API key rejection summaries not audited yet: {}", e.toString());
    }
  }

  private void flushQuietly() {
    try {
      usage.flush();
    } catch (RuntimeException e) {
      LOG.warn("API key usage not written yet (kept for the next flush): {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (background.isShutdown()) {
      return;
    }
    background.shutdown();
    try {
      if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
        background.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Set<String> unwritten = tombstones.unwritten();
    if (!unwritten.isEmpty()) {
      LOG.warn("closing with revocation tombstones not written to the shared cache for API keys {}:"
          + " processes that cached them may accept them until auth.cache_ttl after their revocation", unwritten);
    }
    summarizeQuietly();
    long unaudited = rejections.unsummarized();
    if (unaudited > 0) {
      LOG.warn("closing with {} API key rejections the audit log did not take", unaudited);
    }
    try {
      usage.flush();
    } finally {
      long inDoubt = usage.inDoubtCount();
      if (inDoubt > 0) {
        LOG.warn("closing with {} API key usage counts in a transaction whose outcome PostgreSQL could not"
            + " tell yet: they are stored if it committed, and not sent again", inDoubt);
      }
    }
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
