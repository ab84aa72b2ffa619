package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.memory.ConversationMemory;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link ConversationMemory} over slot 4. */
public final class RedisConversationMemory<T> implements ConversationMemory<T> {
  private static final LuaScript APPEND = new LuaScript("""
      redis.call('RPUSH', KEYS[1], unpack(ARGV, 3))
      redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return redis.call('LLEN', KEYS[1])
      """);
  private static final LuaScript TRIM = new LuaScript("""
      redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
      return redis.call('LLEN', KEYS[1])
      """);
  /** Messages per APPEND call: bounded so that Lua's unpack stays far from its stack limit. */
  private static final int APPEND_BATCH = 1000;

  private final RedisBackend backend;
  private final ValueCodec<T> codec;
  private final int maxMessages;
  private final Duration ttl;

  public RedisConversationMemory(RedisBackend backend, ValueCodec<T> codec) {
    this.backend = backend;
    this.codec = codec;
    this.maxMessages = backend.config().memory().maxMessages();
    this.ttl = backend.config().memory().ttl();
  }

  @Override
  public int maxMessages() {
    return maxMessages;
  }

  @Override
  public Duration ttl() {
    return ttl;
  }

  @Override
  public long append(String conversationId, T message) {
    return appendAll(conversationId, List.of(message));
  }

  @Override
  public long appendAll(String conversationId, List<? extends T> messages) {
    String[] keys = {key(conversationId)};
    if (messages.isEmpty()) {
      return size(conversationId);
    }
    // Only the newest maxMessages can survive the trim: send no more than those.
    List<? extends T> kept = messages.subList(Math.max(0, messages.size() - maxMessages), messages.size());
    List<byte[]> args = new ArrayList<>();
    for (T message : kept) {
      args.add(backend.encode("message", codec, message));
    }
    long length = 0;
    for (int from = 0; from < args.size(); from += APPEND_BATCH) {
      List<byte[]> batch = args.subList(from, Math.min(args.size(), from + APPEND_BATCH));
      byte[][] argv = new byte[batch.size() + 2][];
      argv[0] = Bytes.of(ttl.toMillis());
      argv[1] = Bytes.of(maxMessages);
      for (int i = 0; i < batch.size(); i++) {
        argv[i + 2] = batch.get(i);
      }
      length = backend.call("memory.append", Slot.MEMORY, false,
          r -> APPEND.<Long>run(r, ScriptOutputType.INTEGER, keys, argv));
    }
    return length;
  }

  @Override
  public List<T> last(String conversationId, int n) {
    String key = key(conversationId);
    Arguments.range("n", n, 1, Integer.MAX_VALUE);
    return decode(backend.call("memory.read", Slot.MEMORY, true, r -> r.lrange(key, -n, -1)));
  }

  @Override
  public List<T> all(String conversationId) {
    String key = key(conversationId);
    return decode(backend.call("memory.read", Slot.MEMORY, true, r -> r.lrange(key, 0, -1)));
  }

  @Override
  public long trim(String conversationId, int maxMessages) {
    String[] keys = {key(conversationId)};
    Arguments.range("maxMessages", maxMessages, 1, Integer.MAX_VALUE);
    return backend.call("memory.trim", Slot.MEMORY, true,
        r -> TRIM.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(maxMessages)));
  }

  @Override
  public long size(String conversationId) {
    String key = key(conversationId);
    return backend.call("memory.size", Slot.MEMORY, true, r -> r.llen(key));
  }

  @Override
  public boolean clear(String conversationId) {
    String key = key(conversationId);
    return backend.call("memory.clear", Slot.MEMORY, true, r -> r.unlink(key)) > 0;
  }

  private List<T> decode(List<byte[]> values) {
    List<T> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(codec.decode(v)));
    return out;
  }

  private String key(String conversationId) {
    return backend.keys().conversation(Arguments.id("conversationId", conversationId));
  }
}
