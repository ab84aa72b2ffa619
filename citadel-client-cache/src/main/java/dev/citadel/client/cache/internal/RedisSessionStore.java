package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.session.Session;
import dev.citadel.client.cache.session.SessionStore;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.ScriptOutputType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link SessionStore} over slot 0. */
public final class RedisSessionStore<T> implements SessionStore<T> {
  private static final SecureRandom RANDOM = new SecureRandom();

  // The user's index must outlive every session in it. Writes give it twice the session lifetime
  // when it has less than one lifetime left. Reads are a plain GETEX (they are the hot path); a
  // read that finds its session then sets the index to two lifetimes unless this process did so
  // within half a lifetime (SessionIndexRefreshes), which keeps the index at least one lifetime
  // ahead of any session a read extended.
  private static final String REFRESH_INDEX = """
      local function refresh_index(index, ttl)
        if redis.call('PTTL', index) < ttl then redis.call('PEXPIRE', index, 2 * ttl) end
      end
      """;
  private static final LuaScript CREATE = new LuaScript(REFRESH_INDEX + """
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      redis.call('SADD', KEYS[2], ARGV[3])
      refresh_index(KEYS[2], tonumber(ARGV[2]))
      return 1
      """);
  private static final LuaScript UPDATE = new LuaScript(REFRESH_INDEX + """
      if not redis.call('SET', KEYS[1], ARGV[1], 'XX', 'PX', ARGV[2]) then return 0 end
      refresh_index(KEYS[2], tonumber(ARGV[2]))
      return 1
      """);
  private static final LuaScript TOUCH = new LuaScript(REFRESH_INDEX + """
      if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 0 then return 0 end
      refresh_index(KEYS[2], tonumber(ARGV[1]))
      return 1
      """);
  private static final LuaScript INVALIDATE = new LuaScript("""
      redis.call('SREM', KEYS[2], ARGV[1])
      return redis.call('DEL', KEYS[1])
      """);
  // Session keys are built from the index's members: they share the user's hash slot, so the
  // script stays on one node in cluster mode even though those keys are not declared.
  private static final LuaScript INVALIDATE_ALL = new LuaScript("""
      local n = 0
      for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        n = n + redis.call('DEL', ARGV[1] .. sid)
      end
      redis.call('DEL', KEYS[1])
      return n
      """);
  private static final LuaScript LIVE_IDS = new LuaScript("""
      local live = {}
      for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        if redis.call('EXISTS', ARGV[1] .. sid) == 1 then
          live[#live + 1] = sid
        else
          redis.call('SREM', KEYS[1], sid)
        end
      end
      return live
      """);

  private final RedisBackend backend;
  private final ValueCodec<T> codec;
  private final Duration ttl;
  private final byte[] ttlMillis;
  private final GetExArgs readExpiry;
  private final SessionIndexRefreshes indexRefreshes;
  private final long indexRefreshIntervalNanos;
  private final long readIndexTtlMillis;

  public RedisSessionStore(RedisBackend backend, ValueCodec<T> codec, SessionIndexRefreshes indexRefreshes) {
    this.backend = backend;
    this.codec = codec;
    this.indexRefreshes = indexRefreshes;
    this.ttl = backend.config().session().ttl();
    this.ttlMillis = Bytes.of(ttl.toMillis());
    this.readExpiry = GetExArgs.Builder.px(ttl.toMillis());
    this.indexRefreshIntervalNanos = ttl.toNanos() / 2;
    this.readIndexTtlMillis = 2 * ttl.toMillis();
  }

  @Override
  public Duration ttl() {
    return ttl;
  }

  @Override
  public Session<T> create(String userId, T data) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return create(userId, Base64.getUrlEncoder().withoutPadding().encodeToString(id), data);
  }

  @Override
  public Session<T> create(String userId, String sessionId, T data) {
    String[] keys = keys(userId, sessionId);
    byte[] value = backend.encode("data", codec, data);
    backend.call("session.create", Slot.SESSIONS, true,
        r -> CREATE.<Long>run(r, ScriptOutputType.INTEGER, keys, value, ttlMillis, Bytes.of(sessionId)));
    return new Session<>(userId, sessionId, data, ttl);
  }

  @Override
  public Optional<T> get(String userId, String sessionId) {
    String[] keys = keys(userId, sessionId);
    byte[] value = backend.call("session.get", Slot.SESSIONS, true, r -> r.getex(keys[0], readExpiry));
    if (value == null) {
      return Optional.empty();
    }
    long now = System.nanoTime();
    if (indexRefreshes.due(keys[1], now, indexRefreshIntervalNanos)) {
      backend.call("session.index", Slot.SESSIONS, true, r -> r.pexpire(keys[1], readIndexTtlMillis));
      indexRefreshes.refreshed(keys[1], now);
    }
    return Optional.of(codec.decode(value));
  }

  @Override
  public boolean update(String userId, String sessionId, T data) {
    String[] keys = keys(userId, sessionId);
    byte[] value = backend.encode("data", codec, data);
    return backend.call("session.update", Slot.SESSIONS, true,
        r -> UPDATE.<Long>run(r, ScriptOutputType.INTEGER, keys, value, ttlMillis)) == 1;
  }

  @Override
  public boolean touch(String userId, String sessionId) {
    String[] keys = keys(userId, sessionId);
    return backend.call("session.touch", Slot.SESSIONS, true,
        r -> TOUCH.<Long>run(r, ScriptOutputType.INTEGER, keys, ttlMillis)) == 1;
  }

  @Override
  public boolean invalidate(String userId, String sessionId) {
    String[] keys = keys(userId, sessionId);
    return backend.call("session.invalidate", Slot.SESSIONS, true,
        r -> INVALIDATE.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(sessionId))) > 0;
  }

  @Override
  public int invalidateAll(String userId) {
    Arguments.id("userId", userId);
    String[] keys = {backend.keys().sessionIndex(userId)};
    byte[] prefix = Bytes.of(sessionPrefix(userId));
    int removed = backend.call("session.invalidate_all", Slot.SESSIONS, true,
        r -> INVALIDATE_ALL.<Long>run(r, ScriptOutputType.INTEGER, keys, prefix)).intValue();
    indexRefreshes.forget(keys[0]);
    return removed;
  }

  @Override
  public Set<String> sessionIds(String userId) {
    Arguments.id("userId", userId);
    String[] keys = {backend.keys().sessionIndex(userId)};
    byte[] prefix = Bytes.of(sessionPrefix(userId));
    List<Object> ids = backend.call("session.ids", Slot.SESSIONS, true,
        r -> LIVE_IDS.<List<Object>>run(r, ScriptOutputType.MULTI, keys, prefix));
    Set<String> out = new LinkedHashSet<>();
    ids.forEach(id -> out.add(Bytes.text(id)));
    return out;
  }

  private String sessionPrefix(String userId) {
    String any = backend.keys().session(userId, "x");
    return any.substring(0, any.length() - 1);
  }

  private String[] keys(String userId, String sessionId) {
    Arguments.id("userId", userId);
    Arguments.id("sessionId", sessionId);
    return new String[] {backend.keys().session(userId, sessionId), backend.keys().sessionIndex(userId)};
  }
}
