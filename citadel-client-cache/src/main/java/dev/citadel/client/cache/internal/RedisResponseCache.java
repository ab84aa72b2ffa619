package dev.citadel.client.cache.internal;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.cache.RedisCommandException;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.response.ResponseCache;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ResponseCache} over slot 1. */
public final class RedisResponseCache<T> implements ResponseCache<T> {
  private static final Logger LOG = LoggerFactory.getLogger(RedisResponseCache.class);
  private static final int SCAN_BATCH = 500;

  private final RedisBackend backend;
  private final ValueCodec<T> codec;
  private final SingleFlight singleFlight;
  private final Duration defaultTtl;
  private final Duration minTtl;
  private final Duration maxTtl;

  public RedisResponseCache(RedisBackend backend, ValueCodec<T> codec, SingleFlight singleFlight) {
    this.backend = backend;
    this.codec = codec;
    this.singleFlight = singleFlight;
    this.defaultTtl = backend.config().cache().defaultTtl();
    this.minTtl = backend.config().cache().minTtl();
    this.maxTtl = backend.config().cache().maxTtl();
  }

  @Override
  public Duration defaultTtl() {
    return defaultTtl;
  }

  @Override
  public Duration minTtl() {
    return minTtl;
  }

  @Override
  public Duration maxTtl() {
    return maxTtl;
  }

  @Override
  public Optional<T> get(String endpoint, String request) {
    String key = key(endpoint, request);
    byte[] value = backend.call("cache.get", Slot.API_CACHE, true, r -> r.get(key));
    return value == null ? Optional.empty() : Optional.of(codec.decode(value));
  }

  @Override
  public void put(String endpoint, String request, T value) {
    put(endpoint, request, value, defaultTtl);
  }

  @Override
  public void put(String endpoint, String request, T value, Duration ttl) {
    String key = key(endpoint, request);
    Arguments.ttl("ttl", ttl, minTtl, maxTtl);
    byte[] bytes = backend.encode("value", codec, value);
    write(key, bytes, ttl);
  }

  private void write(String key, byte[] bytes, Duration ttl) {
    SetArgs args = SetArgs.Builder.px(ttl.toMillis());
    backend.call("cache.put", Slot.API_CACHE, true, r -> r.set(key, bytes, args));
  }

  @Override
  public T getOrCompute(String endpoint, String request, Supplier<? extends T> compute) {
    return getOrCompute(endpoint, request, defaultTtl, compute);
  }

  @Override
  public T getOrCompute(String endpoint, String request, Duration ttl, Supplier<? extends T> compute) {
    String key = key(endpoint, request);
    Arguments.ttl("ttl", ttl, minTtl, maxTtl);
    Objects.requireNonNull(compute, "compute");
    byte[] cached = backend.call("cache.get", Slot.API_CACHE, true, r -> r.get(key));
    if (cached != null) {
      return codec.decode(cached);
    }
    return singleFlight.run(key, () -> {
      // Another caller may have filled the entry between our GET and taking the flight.
      byte[] again = backend.call("cache.get", Slot.API_CACHE, true, r -> r.get(key));
      if (again != null) {
        return codec.decode(again);
      }
      T value = compute.get();
      if (value != null) {
        writeComputed(key, backend.encode("value", codec, value), ttl);
      }
      return value;
    });
  }

  /**
   * Caches a computed value; a failed write costs the next caller a recomputation but must not
   * throw away the value this caller paid for.
   */
  private void writeComputed(String key, byte[] bytes, Duration ttl) {
    try {
      write(key, bytes, ttl);
    } catch (UnavailableException | RedisCommandException e) {
      LOG.warn("redis: caching a computed value failed; returning it uncached ({})", e.getMessage());
    }
  }

  @Override
  public boolean invalidate(String endpoint, String request) {
    String key = key(endpoint, request);
    return backend.call("cache.invalidate", Slot.API_CACHE, true, r -> r.unlink(key)) > 0;
  }

  @Override
  public long invalidateEndpoint(String endpoint) {
    Arguments.id("endpoint", endpoint);
    String pattern = backend.keys().apiEndpointPrefix(endpoint) + "*";
    return backend.call("cache.invalidate_endpoint", Slot.API_CACHE, true, r -> {
      long removed = 0;
      ScanArgs args = ScanArgs.Builder.matches(pattern).limit(SCAN_BATCH);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = r.scan(cursor, args);
        List<String> keys = page.getKeys();
        if (!keys.isEmpty()) {
          removed += r.unlink(keys.toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
      return removed;
    });
  }

  private String key(String endpoint, String request) {
    Arguments.id("endpoint", endpoint);
    return backend.keys().apiEntry(endpoint, RequestHash.sha256(request));
  }
}
