package dev.citadel.langchain4j;

import dev.citadel.client.InvalidArgumentException;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.Objects;

/**
 * The {@link ChatMemoryProvider} LangChain4j's AI services pick up: one
 * {@link MessageWindowChatMemory} of {@code maxMessages} per memory id over a Citadel store
 * ({@link CitadelChatMemoryStore} or {@link CitadelRedisChatMemoryStore}). Needs the
 * {@code dev.langchain4j:langchain4j} artifact. Thread-safe.
 *
 * <pre>{@code
 * ChatMemoryProvider memory = CitadelChatMemoryProvider.create(
 *     CitadelChatMemoryStore.create(citadel.conversations()), 20);
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
 *     .chatMemoryProvider(memory).build();
 * }</pre>
 */
public final class CitadelChatMemoryProvider implements ChatMemoryProvider {
  private final ChatMemoryStore store;
  private final int maxMessages;

  private CitadelChatMemoryProvider(ChatMemoryStore store, int maxMessages) {
    this.store = store;
    this.maxMessages = maxMessages;
  }

  /**
   * @param store where the messages live; stays the caller's
   * @param maxMessages messages in each window, at least 1
   * @throws InvalidArgumentException when {@code maxMessages} is below 1
   */
  public static CitadelChatMemoryProvider create(ChatMemoryStore store, int maxMessages) {
    Objects.requireNonNull(store, "store");
    if (maxMessages < 1) {
      throw new InvalidArgumentException("maxMessages", "must be at least 1, was " + maxMessages);
    }
    return new CitadelChatMemoryProvider(store, maxMessages);
  }

  @Override
  public ChatMemory get(Object memoryId) {
    return MessageWindowChatMemory.builder().id(ConversationMessages.conversationId(memoryId))
        .maxMessages(maxMessages).chatMemoryStore(store).build();
  }
}
