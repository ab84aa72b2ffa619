package dev.citadel.client.cache.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.metrics.MetricsStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** {@link MetricsStore} over slot 7. */
public final class RedisMetricsStore implements MetricsStore {
  private static final String NOW = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      """;
  private static final LuaScript INCREMENT = new LuaScript(NOW + """
      local width, ttl = tonumber(ARGV[2]), tonumber(ARGV[3])
      local value = redis.call('HINCRBY', KEYS[1], string.format('%.0f', now - now % width), ARGV[1])
      for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
        if tonumber(f) + ttl <= now then redis.call('HDEL', KEYS[1], f) end
      end
      redis.call('PEXPIRE', KEYS[1], ttl)
      return value
      """);
  private static final LuaScript COUNT = new LuaScript(NOW + """
      local window, width, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
      local sum = 0
      local fields = redis.call('HGETALL', KEYS[1])
      for i = 1, #fields, 2 do
        local start = tonumber(fields[i])
        if start + width > now - window and start + ttl > now then sum = sum + tonumber(fields[i + 1]) end
      end
      return sum
      """);
  private static final LuaScript BUCKETS = new LuaScript(NOW + """
      local out = {}
      local fields = redis.call('HGETALL', KEYS[1])
      for i = 1, #fields, 2 do
        if tonumber(fields[i]) + tonumber(ARGV[1]) > now then
          out[#out + 1] = fields[i]
          out[#out + 1] = fields[i + 1]
        end
      end
      return out
      """);

  private final RedisBackend backend;
  private final Duration ttl;
  private final Duration bucket;
  private final byte[] ttlMillis;
  private final byte[] bucketMillis;

  public RedisMetricsStore(RedisBackend backend) {
    this.backend = backend;
    this.ttl = backend.config().metrics().ttl();
    this.bucket = backend.config().metrics().bucket();
    this.ttlMillis = Bytes.of(ttl.toMillis());
    this.bucketMillis = Bytes.of(bucket.toMillis());
  }

  @Override
  public Duration ttl() {
    return ttl;
  }

  @Override
  public Duration bucket() {
    return bucket;
  }

  @Override
  public long increment(String name) {
    return increment(name, 1);
  }

  @Override
  public long increment(String name, long delta) {
    String[] keys = {counter(name)};
    return backend.call("metrics.increment", Slot.METRICS, false,
        r -> INCREMENT.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(delta), bucketMillis, ttlMillis));
  }

  @Override
  public long count(String name, Duration window) {
    String[] keys = {counter(name)};
    Arguments.ttl("window", window, Duration.ofMillis(1), ttl);
    return backend.call("metrics.count", Slot.METRICS, true,
        r -> COUNT.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(window.toMillis()),
            bucketMillis, ttlMillis));
  }

  @Override
  public NavigableMap<Instant, Long> buckets(String name) {
    String[] keys = {counter(name)};
    List<Object> reply = backend.call("metrics.buckets", Slot.METRICS, true,
        r -> BUCKETS.<List<Object>>run(r, ScriptOutputType.MULTI, keys, ttlMillis));
    NavigableMap<Instant, Long> out = new TreeMap<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      out.put(Instant.ofEpochMilli(Bytes.number(reply.get(i))), Bytes.number(reply.get(i + 1)));
    }
    return out;
  }

  @Override
  public void gauge(String name, double value) {
    String key = gaugeKey(name);
    if (!Double.isFinite(value)) {
      throw new InvalidArgumentException("value", "must be finite, was " + value);
    }
    byte[] bytes = Bytes.of(Double.toString(value));
    SetArgs args = SetArgs.Builder.px(ttl.toMillis());
    backend.call("metrics.gauge", Slot.METRICS, true, r -> r.set(key, bytes, args));
  }

  @Override
  public OptionalDouble gauge(String name) {
    String key = gaugeKey(name);
    byte[] value = backend.call("metrics.gauge", Slot.METRICS, true, r -> r.get(key));
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(Bytes.text(value)));
  }

  private String counter(String name) {
    return backend.keys().metric("counter", Arguments.id("name", name));
  }

  private String gaugeKey(String name) {
    return backend.keys().metric("gauge", Arguments.id("name", name));
  }
}
