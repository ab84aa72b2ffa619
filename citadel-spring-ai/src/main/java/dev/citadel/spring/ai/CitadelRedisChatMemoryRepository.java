package dev.citadel.spring.ai;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.memory.ConversationMemory;
import dev.citadel.client.conversation.ConversationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} over Redis alone: the cache module's conversation
 * memory (slot 4, {@code ai:memory:conv:{id}}), so plain Redis, TLS, ACL users, Sentinel and
 * Cluster all come from the {@code redis:} section; no Redis Stack or Jedis. One list element per
 * message; {@link #saveAll} keeps the interface's contract (the list read back is the list saved)
 * and writes only the difference in one atomic script. A conversation keeps at most
 * {@code redis.memory.max_messages} messages and expires {@code redis.memory.ttl} after its last
 * write: nothing is durable (use {@link CitadelChatMemoryRepository} for that).
 * {@link #findConversationIds} scans slot 4. Thread-safe.
 */
public final class CitadelRedisChatMemoryRepository implements ChatMemoryRepository {
  private final ConversationMemory<String> memory;

  private CitadelRedisChatMemoryRepository(ConversationMemory<String> memory) {
    this.memory = memory;
  }

  /** A repository over {@code cache}'s slot 4; {@code cache} stays the caller's. */
  public static CitadelRedisChatMemoryRepository create(CitadelCache cache) {
    return new CitadelRedisChatMemoryRepository(Objects.requireNonNull(cache, "cache").memory(ValueCodec.utf8()));
  }

  @Override
  public List<String> findConversationIds() {
    return memory.conversationIds();
  }

  @Override
  public List<Message> findByConversationId(String conversationId) {
    List<String> entries = memory.all(conversationId);
    List<Message> messages = new ArrayList<>(entries.size());
    for (String entry : entries) {
      messages.add(ConversationMessages.fromConversation(ConversationMessages.decode(entry)));
    }
    return messages;
  }

  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    List<String> entries = new ArrayList<>();
    for (ConversationMessage message : ConversationMessages.toConversation(messages)) {
      entries.add(ConversationMessages.encode(message));
    }
    memory.replace(conversationId, entries);
  }

  @Override
  public void deleteByConversationId(String conversationId) {
    memory.clear(conversationId);
  }
}
