package dev.citadel.client.cache.internal;

import dev.citadel.client.CitadelException;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.lock.DistributedLock;
import dev.citadel.client.cache.lock.DistributedLocks;
import dev.citadel.client.cache.lock.LockTimeoutException;
import dev.citadel.client.spi.Backoff;
import io.lettuce.core.ScriptOutputType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DistributedLocks} over slot 6. */
public final class RedisDistributedLocks implements DistributedLocks {
  private static final Logger LOG = LoggerFactory.getLogger(RedisDistributedLocks.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration MIN_TTL = Duration.ofMillis(10);
  private static final Duration MAX_TTL = Duration.ofDays(1);
  /** The wait between attempts at a held lock: 5 ms growing to 100 ms, jittered (DistributedLocks). */
  private static final Backoff WAIT_BACKOFF = Backoff.exponential(Duration.ofMillis(5), Duration.ofMillis(100), 0.5);

  /**
   * Takes the lock and returns its fencing token: the larger of the server clock in microseconds
   * and one more than the last token. The clock is the floor that keeps tokens increasing when the
   * counter is gone (evicted, expired, a restart), which lets the counter expire with the lease
   * instead of staying forever for every lock ever taken. Microseconds since 1970 stay below 2^53,
   * so Lua's doubles hold them exactly.
   */
  private static final LuaScript ACQUIRE = new LuaScript("""
      if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
      local time = redis.call('TIME')
      local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
      local fence = math.max(now, tonumber(redis.call('GET', KEYS[2]) or '0') + 1)
      redis.call('SET', KEYS[2], string.format('%.0f', fence), 'PX', ARGV[2])
      return fence
      """);
  private static final LuaScript RELEASE = new LuaScript("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """);
  private static final LuaScript RENEW = new LuaScript("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      return 0
      """);

  private final RedisBackend backend;
  private final Duration defaultTtl;

  public RedisDistributedLocks(RedisBackend backend) {
    this.backend = backend;
    this.defaultTtl = backend.config().lock().ttl();
  }

  @Override
  public Duration defaultTtl() {
    return defaultTtl;
  }

  @Override
  public Optional<DistributedLock> tryAcquire(String resource, String id) {
    return tryAcquire(resource, id, defaultTtl, Duration.ZERO);
  }

  @Override
  public DistributedLock acquire(String resource, String id, Duration wait) {
    return acquire(resource, id, defaultTtl, wait);
  }

  @Override
  public DistributedLock acquire(String resource, String id, Duration ttl, Duration wait) {
    return tryAcquire(resource, id, ttl, wait)
        .orElseThrow(() -> new LockTimeoutException(resource, id, wait));
  }

  @Override
  public Optional<DistributedLock> tryAcquire(String resource, String id, Duration ttl, Duration wait) {
    String[] keys = keys(resource, id);
    Arguments.ttl("ttl", ttl, MIN_TTL, MAX_TTL);
    Arguments.nonNegative("wait", wait);
    byte[] raw = new byte[16];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byte[] tokenBytes = Bytes.of(token);
    byte[] ttlMillis = Bytes.of(ttl.toMillis());
    long deadline = System.nanoTime() + wait.toNanos();
    for (int failures = 1; ; failures++) {
      long fence = backend.call("lock.acquire", Slot.LOCKS, false,
          r -> ACQUIRE.<Long>run(r, ScriptOutputType.INTEGER, keys, tokenBytes, ttlMillis));
      if (fence > 0) {
        return Optional.of(new RedisLock(keys, resource, id, token, fence, ttl));
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return Optional.empty();
      }
      LockSupport.parkNanos(Math.min(remaining, WAIT_BACKOFF.delayNanos(failures)));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new CitadelException("interrupted while waiting for lock " + resource + ":" + id);
      }
    }
  }

  @Override
  public boolean release(String resource, String id, String token) {
    String[] keys = keys(resource, id);
    Objects.requireNonNull(token, "token");
    return release(keys, token);
  }

  private boolean release(String[] keys, String token) {
    return backend.call("lock.release", Slot.LOCKS, true,
        r -> RELEASE.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(token))) == 1;
  }

  @Override
  public boolean isLocked(String resource, String id) {
    String key = keys(resource, id)[0];
    return backend.call("lock.check", Slot.LOCKS, true, r -> r.exists(key)) > 0;
  }

  private String[] keys(String resource, String id) {
    Arguments.id("resource", resource);
    Arguments.id("id", id);
    return new String[] {backend.keys().lock(resource, id), backend.keys().lockFence(resource, id)};
  }

  private final class RedisLock implements DistributedLock {
    private final String[] keys;
    private final String resource;
    private final String id;
    private final String token;
    private final long fence;
    private volatile Duration ttl;
    private volatile boolean closed;

    RedisLock(String[] keys, String resource, String id, String token, long fence, Duration ttl) {
      this.keys = keys;
      this.resource = resource;
      this.id = id;
      this.token = token;
      this.fence = fence;
      this.ttl = ttl;
    }

    @Override
    public String resource() {
      return resource;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String token() {
      return token;
    }

    @Override
    public long fencingToken() {
      return fence;
    }

    @Override
    public Duration ttl() {
      return ttl;
    }

    @Override
    public boolean renew() {
      return renew(ttl);
    }

    @Override
    public boolean renew(Duration newTtl) {
      Arguments.ttl("ttl", newTtl, MIN_TTL, MAX_TTL);
      boolean renewed = backend.call("lock.renew", Slot.LOCKS, true,
          r -> RENEW.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(token),
              Bytes.of(newTtl.toMillis()))) == 1;
      if (renewed) {
        ttl = newTtl;
      }
      return renewed;
    }

    @Override
    public boolean isHeld() {
      byte[] value = backend.call("lock.check", Slot.LOCKS, true, r -> r.get(keys[0]));
      return value != null && token.equals(Bytes.text(value));
    }

    @Override
    public boolean release() {
      closed = true;
      return RedisDistributedLocks.this.release(keys, token);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (!release()) {
        LOG.warn("redis: lock {}:{} (fencing token {}) had expired before its release; the work it"
            + " protected may have overlapped another holder's", resource, id, fence);
      }
    }

    @Override
    public String toString() {
      return "DistributedLock[" + resource + ":" + id + ", fencingToken=" + fence + ", ttl=" + ttl + "]";
    }
  }
}
