package dev.citadel.client.cache.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citadel.client.CitadelException;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.conversation.Conversation;
import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.conversation.StoredMessage;
import dev.citadel.client.conversation.WindowUpdate;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link Conversations} with each conversation's window cached in slot 4. PostgreSQL
 * is the truth; Redis holds a copy of the window of at most {@code redis.memory.max_messages}
 * messages, written only after the PostgreSQL statement committed.
 *
 * <p>The key is a list: element 0 is a generation header {@code g:<n>}, the others the window's
 * messages as {@code <sequence>:<json>}. A list of the header alone is a miss. Every write bumps
 * the generation: an append pushes its messages when the cached tail is the sequence just
 * before them, otherwise it drops the copy; a window change or delete drops it. A reader that
 * misses remembers the generation it saw, reads PostgreSQL, and refills only if the generation is
 * unchanged and the list still empty, so a refill can never put back a window older than a write
 * that finished before it (that write bumped the generation).
 */
public final class CachedConversations implements Conversations {
  private static final Logger LOG = LoggerFactory.getLogger(CachedConversations.class);
  private static final String GEN = """
      local h = redis.call('LINDEX', KEYS[1], 0)
      local gen = 0
      if h then gen = tonumber(string.sub(h, 3)) or 0 end
      """;
  private static final LuaScript APPENDED = new LuaScript(GEN + """
      gen = gen + 1
      local len = redis.call('LLEN', KEYS[1])
      local ok = false
      if len > 1 and len - 1 + #ARGV - 3 <= tonumber(ARGV[2]) then
        local last = redis.call('LINDEX', KEYS[1], -1)
        ok = tonumber(string.match(last, '^(%d+):')) == tonumber(ARGV[3]) - 1
      end
      if ok then
        redis.call('LSET', KEYS[1], 0, 'g:' .. gen)
        redis.call('RPUSH', KEYS[1], unpack(ARGV, 4))
      else
        redis.call('DEL', KEYS[1])
        redis.call('RPUSH', KEYS[1], 'g:' .. gen)
      end
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      if ok then return 1 end
      return 0
      """);
  private static final LuaScript INVALIDATE = new LuaScript(GEN + """
      redis.call('DEL', KEYS[1])
      redis.call('RPUSH', KEYS[1], 'g:' .. (gen + 1))
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return gen + 1
      """);
  private static final LuaScript REFILL = new LuaScript(GEN + """
      if gen ~= tonumber(ARGV[2]) or redis.call('LLEN', KEYS[1]) > 1 then return 0 end
      redis.call('DEL', KEYS[1])
      redis.call('RPUSH', KEYS[1], 'g:' .. gen, unpack(ARGV, 3))
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return 1
      """);
  /** Cached windows stay far below Lua's unpack limit. */
  private static final int MAX_CACHED = 1000;

  private final RedisBackend backend;
  private final Conversations durable;
  private final ObjectMapper mapper = Codecs.defaultMapper();
  private final int maxMessages;
  private final Duration ttl;

  public CachedConversations(RedisBackend backend, Conversations durable) {
    this.backend = backend;
    this.durable = durable;
    this.maxMessages = Math.min(MAX_CACHED, backend.config().memory().maxMessages());
    this.ttl = backend.config().memory().ttl();
  }

  @Override
  public Conversation start(String id, String owner, String model, String metadataJson) {
    return durable.start(id, owner, model, metadataJson);
  }

  @Override
  public Optional<Conversation> find(String id) {
    return durable.find(id);
  }

  @Override
  public Page<String> ids(PageRequest page) {
    return durable.ids(page);
  }

  @Override
  public StoredMessage append(String conversationId, ConversationMessage message) {
    Objects.requireNonNull(message, "message");
    return append(conversationId, List.of(message)).get(0);
  }

  @Override
  public List<StoredMessage> append(String conversationId, List<ConversationMessage> messages) {
    List<StoredMessage> stored = durable.append(conversationId, messages);
    if (!stored.isEmpty()) {
      afterCommit(conversationId, () -> {
        byte[][] argv = new byte[stored.size() + 3][];
        argv[0] = Bytes.of(ttl.toMillis());
        argv[1] = Bytes.of(maxMessages);
        argv[2] = Bytes.of(stored.get(0).sequence());
        for (int i = 0; i < stored.size(); i++) {
          argv[i + 3] = encode(stored.get(i));
        }
        String[] keys = {key(conversationId)};
        backend.call("memory.window.append", Slot.MEMORY, false,
            r -> APPENDED.<Long>run(r, ScriptOutputType.INTEGER, keys, argv));
      });
    }
    return stored;
  }

  @Override
  public List<StoredMessage> last(String conversationId, int n) {
    return durable.last(conversationId, n);
  }

  @Override
  public Page<StoredMessage> messages(String conversationId, PageRequest page) {
    return durable.messages(conversationId, page);
  }

  @Override
  public List<StoredMessage> window(String conversationId) {
    String[] keys = {key(conversationId)};
    List<byte[]> cached = backend.call("memory.window.read", Slot.MEMORY, true, r -> r.lrange(keys[0], 0, -1));
    if (cached.size() > 1) {
      List<StoredMessage> window = new ArrayList<>(cached.size() - 1);
      for (byte[] entry : cached.subList(1, cached.size())) {
        window.add(decode(conversationId, entry));
      }
      return window;
    }
    long generation = cached.isEmpty() ? 0 : generation(cached.get(0));
    List<StoredMessage> window = durable.window(conversationId);
    if (!window.isEmpty() && window.size() <= maxMessages) {
      byte[][] argv = new byte[window.size() + 2][];
      argv[0] = Bytes.of(ttl.toMillis());
      argv[1] = Bytes.of(generation);
      for (int i = 0; i < window.size(); i++) {
        argv[i + 2] = encode(window.get(i));
      }
      backend.call("memory.window.refill", Slot.MEMORY, true,
          r -> REFILL.<Long>run(r, ScriptOutputType.INTEGER, keys, argv));
    }
    return window;
  }

  @Override
  public WindowUpdate replaceWindow(String conversationId, List<ConversationMessage> messages) {
    WindowUpdate update = durable.replaceWindow(conversationId, messages);
    if (update.windowMoved()) {
      afterCommit(conversationId, () -> invalidate(conversationId));
    } else if (!update.appended().isEmpty()) {
      // Only appended: the cached window, if current, grows like on append.
      List<StoredMessage> appended = update.appended();
      afterCommit(conversationId, () -> {
        byte[][] argv = new byte[appended.size() + 3][];
        argv[0] = Bytes.of(ttl.toMillis());
        argv[1] = Bytes.of(maxMessages);
        argv[2] = Bytes.of(appended.get(0).sequence());
        for (int i = 0; i < appended.size(); i++) {
          argv[i + 3] = encode(appended.get(i));
        }
        String[] keys = {key(conversationId)};
        backend.call("memory.window.append", Slot.MEMORY, false,
            r -> APPENDED.<Long>run(r, ScriptOutputType.INTEGER, keys, argv));
      });
    }
    return update;
  }

  @Override
  public boolean delete(String conversationId) {
    boolean existed = durable.delete(conversationId);
    afterCommit(conversationId, () -> invalidate(conversationId));
    return existed;
  }

  @Override
  public int retain(Duration idleFor, int batchSize) {
    // The statement does not name what it deleted, so cached windows of deleted conversations
    // are not dropped: they expire within redis.memory.ttl of their last write or refill.
    return durable.retain(idleFor, batchSize);
  }

  private void invalidate(String conversationId) {
    String[] keys = {key(conversationId)};
    backend.call("memory.window.invalidate", Slot.MEMORY, true,
        r -> INVALIDATE.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(ttl.toMillis())));
  }

  /**
   * Runs the cache update of a write PostgreSQL already committed. Its failure does not fail the
   * write (the caller would retry and append twice): it is logged, and the copy heals on the
   * conversation's next write (whose tail check fails and drops it) or when it expires.
   */
  private void afterCommit(String conversationId, Runnable update) {
    try {
      update.run();
    } catch (CitadelException e) {
      LOG.warn("redis: conversation window cache not updated after a committed write ({}); the cached copy"
          + " may lag until the conversation's next write or redis.memory.ttl", e.getMessage());
    }
  }

  private byte[] encode(StoredMessage message) {
    try {
      String json = mapper.writeValueAsString(message);
      return (message.sequence() + ":" + json).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored message is always encodable", e);
    }
  }

  private StoredMessage decode(String conversationId, byte[] entry) {
    String text = new String(entry, StandardCharsets.UTF_8);
    try {
      return mapper.readValue(text.substring(text.indexOf(':') + 1), StoredMessage.class);
    } catch (JsonProcessingException e) {
      throw new CitadelException("redis: cached window entry of conversation " + conversationId + " is unreadable", e);
    }
  }

  private static long generation(byte[] header) {
    String text = new String(header, StandardCharsets.US_ASCII);
    return text.startsWith("g:") ? Long.parseLong(text.substring(2)) : 0;
  }

  private String key(String conversationId) {
    return backend.keys().conversationWindow(Arguments.id("conversationId", conversationId));
  }
}
