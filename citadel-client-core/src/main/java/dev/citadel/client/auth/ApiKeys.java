package dev.citadel.client.auth;

import dev.citadel.client.ConfigException;
import dev.citadel.client.NotFoundException;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.auth.internal.PgApiKeys;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.db.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * API keys in {@code api.keys}: issue (the plaintext is returned once; only an HMAC of the
 * secret under {@code auth.key_pepper} is stored), authenticate, revoke, list and count usage.
 *
 * <p>{@link #authenticate} rejects malformed keys without a database call, finds the row by the
 * key's public prefix, and compares the keyed hash in constant time; an unknown prefix costs the
 * same hashing work as a known one. With an {@link ApiKeyCache} (e.g. the cache module's shared
 * one) verified keys, and unknown prefixes briefly, are served from it; {@link #revoke} writes a
 * tombstone there, so every process sharing the cache refuses the key at once. Usage is counted
 * in memory and written every {@code auth.usage_flush_interval}, one transaction per flush;
 * a flush that fails is neither lost nor counted twice (see {@link #flushUsage()}).
 *
 * <p><b>Audit.</b> Issues and revocations are audit events. Rejected authentications are not
 * audited one by one (unauthenticated traffic would fill the audit log): they are counted, and
 * once a minute a background thread hands the audit log one {@code api_key.authenticate} DENIED
 * summary per reason and key prefix (resource {@code api_key:<prefix>}; {@code api_key} for
 * malformed keys), for up to 32 prefixes, plus one per reason for the other prefixes
 * ({@code "other_prefixes": true}), each with its {@code rejections} count and the
 * {@code since} / {@code until} times. {@link #authenticate} never touches the audit log, so a
 * full or failing audit log never delays or fails it.
 *
 * <p>Thread-safe. {@link #close()} flushes usage and the last rejection summaries and stops the
 * background threads; the
 * {@link Database}, the cache and the audit log stay the caller's. {@code citadel.apiKeys()}
 * returns the client's own, wired to the cache module and the audit log when present.
 */
public interface ApiKeys extends AutoCloseable {

  /**
   * API keys without a cache.
   *
   * @throws ConfigException when {@code auth.key_pepper} is not set
   */
  static ApiKeys create(Database db, AuthConfig config) {
    return create(db, config, ApiKeyCache.NONE);
  }

  /**
   * API keys with {@code cache} in front of PostgreSQL.
   *
   * @throws ConfigException when {@code auth.key_pepper} is not set
   */
  static ApiKeys create(Database db, AuthConfig config, ApiKeyCache cache) {
    return create(db, config, cache, null);
  }

  /**
   * API keys with {@code cache} in front of PostgreSQL, recording every issue and revocation, and
   * summaries of rejected authentications, in {@code audit} (null for none; it stays the
   * caller's).
   *
   * @throws ConfigException when {@code auth.key_pepper} is not set
   */
  static ApiKeys create(Database db, AuthConfig config, ApiKeyCache cache, AuditLog audit) {
    return PgApiKeys.create(db, config, cache, audit);
  }

  /**
   * Issues a key.
   *
   * @param owner a user id or service name, not blank
   * @param scopes what the key may do
   * @param models the models it may use; empty for every model
   * @param expiresAt expiry, or null for never
   * @param name a label, or null
   * @return the key; its plaintext is not stored anywhere
   * @throws dev.citadel.client.InvalidArgumentException when {@code owner} is null or blank
   */
  IssuedKey issue(String owner, Set<String> scopes, Set<String> models, Instant expiresAt, String name);

  /**
   * The principal {@code presentedKey} speaks for. A rejection is counted for the audit
   * summaries; the audit log itself is not called, whatever its state.
   *
   * @throws ApiKeyRejectedException malformed (no database call), unknown, expired or revoked
   */
  Principal authenticate(String presentedKey);

  /**
   * Revokes a key: PostgreSQL first, then a tombstone in the cache so that every process sharing
   * it refuses the key at once. Revoking twice is harmless, and is how a caller retries a
   * tombstone that could not be written.
   *
   * <p>When the cache cannot take the tombstone (the shared cache unreachable after the retries of its
   * resilience policy), the call does not report success: it throws
   * {@link RevocationNotPropagatedException}. The key is revoked all the same (PostgreSQL holds
   * it, and this process no longer trusts its cache for the key); a process that cached the key
   * before may accept it until that entry expires, within {@code auth.cache_ttl}; this process
   * retries the tombstone in the background (exponential backoff) until it is written or that
   * time has passed.
   *
   * @throws NotFoundException when no key has {@code keyId}
   * @throws RevocationNotPropagatedException when revoked in PostgreSQL but the shared cache
   *     could not be told
   */
  void revoke(UUID keyId);

  /** The keys of {@code owner}, newest first, without secrets. */
  List<ApiKeyInfo> list(String owner);

  /** Requests counted for {@code keyId} per UTC day in {@code [from, to]}, flushed ones only. */
  Map<LocalDate, Long> usage(UUID keyId, LocalDate from, LocalDate to);

  /**
   * Writes the usage counted so far (also done every {@code auth.usage_flush_interval}) in one
   * transaction. When it fails, nothing is lost or counted twice: counts that cannot have been
   * written are written by the next flush; counts whose commit may have succeeded without the
   * reply arriving (a connection cut during COMMIT) are written again by a later flush only if
   * PostgreSQL says that transaction did not commit ({@code pg_xact_status}).
   *
   * @throws dev.citadel.client.CitadelException what the write failed with; the counts are kept
   */
  void flushUsage();

  /**
   * Hands the rejection summaries counted since the last ones to the audit log now (also done
   * once a minute and by {@link #close()}); useful before reading the audit log. The audit log may
   * wait per {@code audit.overflow_policy}; summaries it refuses are logged and kept for the next
   * time, never thrown.
   *
   * @return how many summary events the audit log accepted (0 without an audit log)
   */
  int flushRejectionSummaries();

  /**
   * Stops the background threads, hands the last rejection summaries to the audit log and writes
   * pending usage (idempotent; bounded by 10 s of waiting plus, with an audit log whose buffer is
   * full, {@code audit.overflow_timeout}).
   */
  @Override
  void close();
}
