package dev.citadel.spring.ai;

import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.conversation.StoredMessage;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} over the SDK's durable conversation store
 * ({@code citadel.conversations()}, or {@code cache.conversations(citadel.conversations())} to
 * read windows from Redis). It keeps the interface's contract: what {@link #findByConversationId}
 * returns is exactly what {@link #saveAll} last saved, so {@code MessageWindowChatMemory} still
 * trims the prompt. But {@code saveAll} writes only the difference: new messages are appended and
 * the window start moved past the ones the list left out (a system message kept in front stays
 * without being written again); nothing is rewritten or deleted, and the whole history stays
 * readable through {@link Conversations#messages}. Tool calls, tool responses, media and metadata
 * round-trip. {@link #deleteByConversationId} deletes the conversation and its history.
 * Thread-safe.
 */
public final class CitadelChatMemoryRepository implements ChatMemoryRepository {
  private final Conversations conversations;

  private CitadelChatMemoryRepository(Conversations conversations) {
    this.conversations = conversations;
  }

  /** A repository over {@code conversations}, which stays the caller's. */
  public static CitadelChatMemoryRepository create(Conversations conversations) {
    return new CitadelChatMemoryRepository(Objects.requireNonNull(conversations, "conversations"));
  }

  /** Every conversation id, read page by page. */
  @Override
  public List<String> findConversationIds() {
    List<String> ids = new ArrayList<>();
    Page<String> page = conversations.ids(PageRequest.first(PageRequest.MAX_LIMIT));
    ids.addAll(page.items());
    while (page.hasNext()) {
      page = conversations.ids(page.next(PageRequest.MAX_LIMIT).orElseThrow());
      ids.addAll(page.items());
    }
    return ids;
  }

  @Override
  public List<Message> findByConversationId(String conversationId) {
    List<StoredMessage> window = conversations.window(conversationId);
    List<Message> messages = new ArrayList<>(window.size());
    for (StoredMessage stored : window) {
      messages.add(ConversationMessages.fromConversation(stored.message()));
    }
    return messages;
  }

  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    conversations.replaceWindow(conversationId, ConversationMessages.toConversation(messages));
  }

  @Override
  public void deleteByConversationId(String conversationId) {
    conversations.delete(conversationId);
  }
}
