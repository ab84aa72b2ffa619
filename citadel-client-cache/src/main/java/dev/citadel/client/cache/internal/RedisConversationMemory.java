package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.memory.ConversationMemory;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import dev.citadel.client.CitadelException;
import dev.citadel.client.InvalidArgumentException;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import dev.citadel.client.spi.WindowAlignment;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
  /**
   * Applies a difference if the list is still what it was read as (its length and last element):
   * the elements at the given indexes are marked with a one-off tombstone and removed, the new ones
   * appended. Returns -1 when the list changed since it was read.
   * ARGV: ttl ms, max, expected length, expected last element, tombstone, removal count, indexes..., new...
   */
  private static final LuaScript REPLACE = new LuaScript("""
      local len = redis.call('LLEN', KEYS[1])
      if len ~= tonumber(ARGV[3]) then return -1 end
      if len > 0 and redis.call('LINDEX', KEYS[1], -1) ~= ARGV[4] then return -1 end
      local removals = tonumber(ARGV[6])
      for i = 7, 6 + removals do
        redis.call('LSET', KEYS[1], tonumber(ARGV[i]), ARGV[5])
      end
      if removals > 0 then redis.call('LREM', KEYS[1], 0, ARGV[5]) end
      if #ARGV > 6 + removals then
        redis.call('RPUSH', KEYS[1], unpack(ARGV, 7 + removals))
      end
      redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
      if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return redis.call('LLEN', KEYS[1])
      """);
  /** Attempts of {@link #replace} while other writers change the same conversation. */
  private static final int REPLACE_ATTEMPTS = 10;
  /** Messages per APPEND call: bounded so that Lua's unpack stays far from its stack limit. */
  private static final int APPEND_BATCH = 1000;

  private static final SecureRandom RANDOM = new SecureRandom();

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
  public long replace(String conversationId, List<? extends T> messages) {
    String key = key(conversationId);
    Objects.requireNonNull(messages, "messages");
    List<? extends T> kept = messages.subList(Math.max(0, messages.size() - maxMessages), messages.size());
    List<byte[]> desired = new ArrayList<>(kept.size());
    for (T message : kept) {
      desired.add(backend.encode("message", codec, message));
    }
    if (desired.size() > APPEND_BATCH) {
      throw new InvalidArgumentException("messages", "at most " + APPEND_BATCH + " messages per replace, was "
          + desired.size());
    }
    for (int attempt = 0; attempt < REPLACE_ATTEMPTS; attempt++) {
      List<byte[]> current = backend.call("memory.read", Slot.MEMORY, true, r -> r.lrange(key, 0, -1));
      WindowAlignment alignment = WindowAlignment.of(current, desired, Arrays::equals);
      List<byte[]> argv = new ArrayList<>();
      argv.add(Bytes.of(ttl.toMillis()));
      argv.add(Bytes.of(maxMessages));
      argv.add(Bytes.of(current.size()));
      argv.add(current.isEmpty() ? new byte[0] : current.get(current.size() - 1));
      byte[] tombstone = new byte[24];
      RANDOM.nextBytes(tombstone);
      argv.add(tombstone);
      List<byte[]> removals = new ArrayList<>();
      for (int i = 0; i < alignment.tail(); i++) {
        if (!alignment.pinned().contains(i)) {
          removals.add(Bytes.of(i));
        }
      }
      argv.add(Bytes.of(removals.size()));
      argv.addAll(removals);
      argv.addAll(desired.subList(alignment.addedFrom(), desired.size()));
      byte[][] args = argv.toArray(byte[][]::new);
      String[] keys = {key};
      long length = backend.call("memory.replace", Slot.MEMORY, false,
          r -> REPLACE.<Long>run(r, ScriptOutputType.INTEGER, keys, args));
      if (length >= 0) {
        return length;
      }
    }
    throw new CitadelException("redis: conversation memory " + conversationId + " changed under each of "
        + REPLACE_ATTEMPTS + " replace attempts by other writers; retry");
  }

  @Override
  public List<String> conversationIds() {
    String prefix = backend.keys().conversation("");
    List<String> keys = backend.call("memory.ids", Slot.MEMORY, true, r -> {
      List<String> found = new ArrayList<>();
      ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(500);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = r.scan(cursor, args);
        found.addAll(page.getKeys());
        cursor = page;
      } while (!cursor.isFinished());
      return found;
    });
    List<String> ids = new ArrayList<>(keys.size());
    for (String k : keys) {
      String id = k.substring(prefix.length());
      if (!id.startsWith("window:")) {
        ids.add(id);
      }
    }
    return ids;
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
