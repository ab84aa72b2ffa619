package dev.citadel.client.cache.internal;

import dev.citadel.client.CitadelException;
import dev.citadel.client.auth.ApiKeyCache;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ValueCodec;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link ApiKeyCache} in slot 1 under {@code cache:api:apikeys:{prefix}} (JSON of the
 * entry: the keyed hash, never a plaintext). Positive and unknown entries are written with
 * {@code SET NX}, tombstones with a plain {@code SET}, so a revocation wins over a concurrent
 * positive write. Reads and positive or unknown entries fail soft as the SPI asks: a prefix that
 * cannot be a key id, Redis being unavailable or an undecodable entry read as a miss (logged at
 * DEBUG) and those writes are dropped. A tombstone is retried under the client's resilience
 * policy (the {@code SET} is idempotent) and then throws: a dropped tombstone would leave other
 * processes trusting a revoked key.
 */
public final class RedisApiKeyCache implements ApiKeyCache {
  private static final Logger LOG = LoggerFactory.getLogger(RedisApiKeyCache.class);
  private static final ValueCodec<Entry> CODEC = ValueCodec.json(Entry.class);
  private static final byte[] TOMBSTONE = CODEC.encode(Entry.tombstone());

  private final RedisBackend backend;

  public RedisApiKeyCache(RedisBackend backend) {
    this.backend = backend;
  }

  @Override
  public Optional<Entry> get(String prefix) {
    String key = key(prefix);
    if (key == null) {
      return Optional.empty();
    }
    try {
      byte[] value = backend.call("apikey.get", Slot.API_CACHE, true, r -> r.get(key));
      return value == null ? Optional.empty() : Optional.of(CODEC.decode(value));
    } catch (CitadelException e) {
      LOG.debug("redis: API key cache read failed, falling back: {}", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void putIfAbsent(String prefix, Entry entry, Duration ttl) {
    String key = key(prefix);
    if (key == null) {
      return;
    }
    try {
      set("apikey.put", key, CODEC.encode(entry), SetArgs.Builder.nx().px(ttl.toMillis()));
    } catch (CitadelException e) {
      LOG.debug("redis: API key cache write failed, dropped: {}", e.toString());
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws CitadelException ({@link dev.citadel.client.UnavailableException} when Redis cannot
   *     be reached) after the resilience policy's retries
   */
  @Override
  public void putTombstone(String prefix, Duration ttl) {
    String key = key(prefix);
    if (key != null) {
      set("apikey.revoke", key, TOMBSTONE, SetArgs.Builder.px(ttl.toMillis()));
    }
  }

  private void set(String operation, String key, byte[] value, SetArgs args) {
    backend.call(operation, Slot.API_CACHE, true, r -> r.set(key, value, args));
  }

  /** The key, or null for a prefix that cannot be part of one (it then cannot be a valid key). */
  private String key(String prefix) {
    try {
      return backend.keys().apiKey(Arguments.id("prefix", prefix));
    } catch (CitadelException | NullPointerException e) {
      return null;
    }
  }
}
