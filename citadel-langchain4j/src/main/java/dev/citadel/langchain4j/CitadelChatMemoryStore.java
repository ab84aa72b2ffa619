package dev.citadel.langchain4j;

import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.conversation.StoredMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} over the SDK's durable conversation store
 * ({@code citadel.conversations()}, or {@code cache.conversations(citadel.conversations())} to
 * read windows from Redis). {@link #updateMessages} has full-replace semantics as the caller sees
 * them, but writes only the difference: new messages are appended, and when the list starts
 * later than the stored window (a {@code MessageWindowChatMemory} evicted older messages, keeping
 * the system message) the window start moves; nothing is deleted or rewritten, so the whole
 * history stays readable through {@link Conversations#messages}. Tool execution requests and
 * results, user media and attributes round-trip exactly (LangChain4j's own JSON is kept with each
 * message). {@link #deleteMessages} deletes the conversation and its history. The memory id's
 * {@code toString()} is the conversation id (1 to 200 characters). Thread-safe.
 */
public final class CitadelChatMemoryStore implements ChatMemoryStore {
  private final Conversations conversations;

  private CitadelChatMemoryStore(Conversations conversations) {
    this.conversations = conversations;
  }

  /** A store over {@code conversations}, which stays the caller's. */
  public static CitadelChatMemoryStore create(Conversations conversations) {
    return new CitadelChatMemoryStore(Objects.requireNonNull(conversations, "conversations"));
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    List<StoredMessage> window = conversations.window(ConversationMessages.conversationId(memoryId));
    List<ChatMessage> messages = new ArrayList<>(window.size());
    for (StoredMessage stored : window) {
      messages.add(ConversationMessages.fromConversation(stored.message()));
    }
    return messages;
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    conversations.replaceWindow(ConversationMessages.conversationId(memoryId),
        ConversationMessages.toConversation(messages));
  }

  @Override
  public void deleteMessages(Object memoryId) {
    conversations.delete(ConversationMessages.conversationId(memoryId));
  }
}
