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
 * in memory and written in batches every {@code auth.usage_flush_interval}.
 *
 * <p>Thread-safe. {@link #close()} flushes usage and stops the flush thread; the
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
   * API keys with {@code cache} in front of PostgreSQL, recording every issue, revocation and
   * rejected authentication in {@code audit} (null for none; it stays the caller's).
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
   * The principal {@code presentedKey} speaks for.
   *
   * @throws ApiKeyRejectedException malformed (no database call), unknown, expired or revoked
   */
  Principal authenticate(String presentedKey);

  /**
   * Revokes a key: PostgreSQL first, then a tombstone in the cache so that every process sharing
   * it refuses the key at once. Revoking twice is harmless.
   *
   * @throws NotFoundException when no key has {@code keyId}
   */
  void revoke(UUID keyId);

  /** The keys of {@code owner}, newest first, without secrets. */
  List<ApiKeyInfo> list(String owner);

  /** Requests counted for {@code keyId} per UTC day in {@code [from, to]}, flushed ones only. */
  Map<LocalDate, Long> usage(UUID keyId, LocalDate from, LocalDate to);

  /** Writes the usage counted so far (also done every {@code auth.usage_flush_interval}). */
  void flushUsage();

  /** Stops the flush thread and writes pending usage (idempotent; bounded by 10 s of waiting). */
  @Override
  void close();
}
