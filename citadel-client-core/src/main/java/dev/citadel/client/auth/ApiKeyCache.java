package dev.citadel.client.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where verified keys may be remembered between authentications (the cache module offers one
 * shared by every process). Entries hold the keyed hash, never a plaintext. A
 * revocation writes a {@link Entry#revoked() tombstone}, which must win over positive entries
 * written concurrently: implementations store positive and unknown entries only if absent and
 * tombstones unconditionally. Implementations are thread-safe. Reads and positive or unknown
 * entries fail soft: a cache that cannot answer returns empty (authentication falls back to
 * PostgreSQL) and a write it cannot do is dropped. A tombstone never fails soft:
 * {@link #putTombstone} retries transient failures under the implementation's resilience policy
 * and then throws, because a dropped tombstone leaves other processes trusting a revoked key.
 */
public interface ApiKeyCache {

  /** No cache: every authentication reads PostgreSQL. */
  ApiKeyCache NONE = new ApiKeyCache() {
    @Override
    public Optional<Entry> get(String prefix) {
      return Optional.empty();
    }

    @Override
    public void putIfAbsent(String prefix, Entry entry, Duration ttl) {}

    @Override
    public void putTombstone(String prefix, Duration ttl) {}
  };

  /**
   * What the cache knows of a prefix: a stored key ({@code keyId} set), a known-unknown prefix
   * ({@code keyId} null, not revoked) or a revoked key ({@code revoked} true).
   *
   * @param keyId the key's id, or null for an unknown prefix or a tombstone
   * @param secretHash the stored keyed hash, or null
   * @param owner the owner, or null
   * @param scopes scopes
   * @param models allowed models; empty for all
   * @param expiresAt expiry, or null
   * @param revoked whether the key is revoked
   */
  record Entry(UUID keyId, byte[] secretHash, String owner, Set<String> scopes, Set<String> models,
      Instant expiresAt, boolean revoked) {

    /** An entry saying no key has the prefix. */
    public static Entry unknown() {
      return new Entry(null, null, null, Set.of(), Set.of(), null, false);
    }

    /** An entry saying the key is revoked. */
    public static Entry tombstone() {
      return new Entry(null, null, null, Set.of(), Set.of(), null, true);
    }
  }

  /** The entry for {@code prefix}, if cached. */
  Optional<Entry> get(String prefix);

  /** Stores {@code entry} unless something is already cached for the prefix. */
  void putIfAbsent(String prefix, Entry entry, Duration ttl);

  /**
   * Stores a revocation tombstone, replacing whatever is cached.
   *
   * @throws dev.citadel.client.CitadelException (typically {@link
   *     dev.citadel.client.UnavailableException}) when the tombstone may not be stored, after the
   *     implementation's own retries
   */
  void putTombstone(String prefix, Duration ttl);
}
