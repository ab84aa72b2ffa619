package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ratelimit.RateLimit;
import dev.citadel.client.cache.ratelimit.RateLimitDecision;
import dev.citadel.client.cache.ratelimit.RateLimiter;
import io.lettuce.core.ScriptOutputType;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** {@link RateLimiter} over slot 5. */
public final class RedisRateLimiter implements RateLimiter {
  // Timestamps are microseconds (about 1.7e15): exact in Lua's doubles, but Lua would print them
  // in exponent form, so every number sent back to Redis goes through '%.0f'.
  private static final LuaScript ACQUIRE = new LuaScript("""
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local limit, window_ms, permits = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
      local window = window_ms * 1000
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))
      local count = redis.call('ZCARD', KEYS[1])
      if count + permits <= limit then
        local score = string.format('%.0f', now)
        for i = 1, permits do redis.call('ZADD', KEYS[1], score, ARGV[4] .. i) end
        redis.call('PEXPIRE', KEYS[1], window_ms)
        return {1, limit - count - permits, 0, now}
      end
      local retry = window
      local need = count + permits - limit
      if need <= count then
        local entry = redis.call('ZRANGE', KEYS[1], need - 1, need - 1, 'WITHSCORES')
        retry = tonumber(entry[2]) + window - now
      end
      return {0, math.max(0, limit - count), math.ceil(retry), now}
      """);

  private final RedisBackend backend;
  private final String clientTag;
  private final AtomicLong sequence = new AtomicLong();

  public RedisRateLimiter(RedisBackend backend) {
    this.backend = backend;
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    this.clientTag = HexFormat.of().formatHex(random);
  }

  @Override
  public RateLimitDecision tryAcquire(String type, String id, RateLimit limit) {
    return tryAcquire(type, id, limit, 1);
  }

  @Override
  public RateLimitDecision tryAcquire(String type, String id, RateLimit limit, int permits) {
    String[] keys = {key(type, id, limit)};
    Arguments.range("permits", permits, 1, limit.limit());
    // Members must be unique across every client and call: this client's random tag plus a counter.
    byte[] member = Bytes.of(clientTag + "-" + sequence.incrementAndGet() + "-");
    List<Object> reply = backend.call("ratelimit.acquire", Slot.RATE_LIMITS, false,
        r -> ACQUIRE.<List<Object>>run(r, ScriptOutputType.MULTI, keys, Bytes.of(limit.limit()),
            Bytes.of(limit.window().toMillis()), Bytes.of(permits), member));
    long micros = Bytes.number(reply.get(3));
    return new RateLimitDecision(
        Bytes.number(reply.get(0)) == 1,
        limit.limit(),
        (int) Bytes.number(reply.get(1)),
        Duration.ofNanos(Bytes.number(reply.get(2)) * 1000),
        Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000));
  }

  @Override
  public void reset(String type, String id, RateLimit limit) {
    String key = key(type, id, limit);
    backend.call("ratelimit.reset", Slot.RATE_LIMITS, true, r -> r.unlink(key));
  }

  private String key(String type, String id, RateLimit limit) {
    Arguments.id("type", type);
    Arguments.id("id", id);
    Objects.requireNonNull(limit, "limit");
    return backend.keys().rateLimit(type, id, limit.windowLabel());
  }
}
