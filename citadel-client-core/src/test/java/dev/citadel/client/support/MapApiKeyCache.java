package dev.citadel.client.support;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.auth.ApiKeyCache;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ApiKeyCache} in a map, with the put-if-absent / tombstone contract, that several
 * {@code ApiKeys} instances in one JVM can share. While {@link #refuseTombstones} is set, tombstone
 * writes fail as a Redis outage would.
 */
public final class MapApiKeyCache implements ApiKeyCache {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** When true, {@link #putTombstone} throws {@link UnavailableException} (backend {@code redis}). */
  public volatile boolean refuseTombstones;

  @Override
  public Optional<Entry> get(String prefix) {
    return Optional.ofNullable(entries.get(prefix));
  }

  @Override
  public void putIfAbsent(String prefix, Entry entry, Duration ttl) {
    entries.putIfAbsent(prefix, entry);
  }

  @Override
  public void putTombstone(String prefix, Duration ttl) {
    if (refuseTombstones) {
      throw new UnavailableException("redis", false, "redis is unavailable", null);
    }
    entries.put(prefix, Entry.tombstone());
  }

  /** Whether a tombstone is stored for {@code prefix}. */
  public boolean hasTombstone(String prefix) {
    Entry entry = entries.get(prefix);
    return entry != null && entry.revoked();
  }
}
