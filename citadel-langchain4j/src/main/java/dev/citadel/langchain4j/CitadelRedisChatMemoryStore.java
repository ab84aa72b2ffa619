package dev.citadel.langchain4j;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.memory.ConversationMemory;
import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.MessageRole;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} over Redis alone: the cache module's conversation memory
 * (slot 4, {@code ai:memory:conv:{id}}), so plain Redis, TLS, ACL users, Sentinel and Cluster all
 * come from the {@code redis:} section; no Redis Stack needed. Each message is one list element
 * (LangChain4j's own JSON, canonical); {@link #updateMessages} writes only the difference, in one
 * atomic script, and a conversation keeps at most {@code redis.memory.max_messages} messages and
 * expires {@code redis.memory.ttl} after its last write. Nothing is durable: for history that
 * survives, use {@link CitadelChatMemoryStore}. Thread-safe.
 */
public final class CitadelRedisChatMemoryStore implements ChatMemoryStore {
  private final ConversationMemory<String> memory;

  private CitadelRedisChatMemoryStore(ConversationMemory<String> memory) {
    this.memory = memory;
  }

  /** A store over {@code cache}'s slot 4; {@code cache} stays the caller's. */
  public static CitadelRedisChatMemoryStore create(CitadelCache cache) {
    return new CitadelRedisChatMemoryStore(Objects.requireNonNull(cache, "cache").memory(ValueCodec.utf8()));
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    List<String> entries = memory.all(ConversationMessages.conversationId(memoryId));
    List<ChatMessage> messages = new ArrayList<>(entries.size());
    for (String entry : entries) {
      messages.add(ConversationMessages.fromConversation(
          ConversationMessage.builder(MessageRole.USER).metadata(entry).build()));
    }
    return messages;
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    List<String> entries = new ArrayList<>();
    for (ConversationMessage message : ConversationMessages.toConversation(messages)) {
      // The canonical text of {"langchain4j": <message>}: equal messages give equal bytes.
      entries.add(message.metadata());
    }
    memory.replace(ConversationMessages.conversationId(memoryId), entries);
  }

  @Override
  public void deleteMessages(Object memoryId) {
    memory.clear(ConversationMessages.conversationId(memoryId));
  }
}
