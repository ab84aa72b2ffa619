package dev.citadel.client.cache.memory;

import java.time.Duration;
import java.util.List;

/**
 * Conversation memory in slot 4: a list per conversation under {@code ai:memory:conv:{id}},
 * oldest message first, capped at {@code redis.memory.max_messages} (default 100; older ones are
 * dropped) and expiring {@code redis.memory.ttl} (default 1 h) after the last append. Reading does
 * not extend it. Each append is one atomic script (append, trim, expire). Ids follow the id rules
 * of the other stores; values over {@code redis.max_value_size} are refused. Thread-safe.
 *
 * @param <T> the message type
 */
public interface ConversationMemory<T> {

  /** Messages kept per conversation. */
  int maxMessages();

  /** Lifetime after the last append. */
  Duration ttl();

  /**
   * Appends a message, trims to {@link #maxMessages()} and restarts the lifetime.
   *
   * @return the conversation's length afterwards
   */
  long append(String conversationId, T message);

  /** Appends several messages in order, atomically; same contract as {@link #append}. */
  long appendAll(String conversationId, List<? extends T> messages);

  /**
   * Makes the conversation equal to {@code messages} (as a chat-memory framework replaces its
   * window) while writing only the difference, atomically: messages the list no longer holds are
   * removed, new ones appended, the lifetime restarted; the same list again writes nothing but the
   * lifetime. Messages are compared by their encoded bytes. The list is trimmed to
   * {@link #maxMessages()} like an append. An empty list forgets the conversation.
   *
   * @return the conversation's length afterwards
   */
  long replace(String conversationId, List<? extends T> messages);

  /**
   * The ids of the conversations kept (a SCAN over slot 4, on every node of a cluster); the order
   * is unspecified. Cost grows with the number of keys in slot 4: for administration, not per request.
   */
  List<String> conversationIds();

  /** The last {@code n} messages, oldest first (fewer when the conversation is shorter). */
  List<T> last(String conversationId, int n);

  /** Every message kept, oldest first. */
  List<T> all(String conversationId);

  /**
   * Keeps only the newest {@code maxMessages}.
   *
   * @return the length afterwards
   */
  long trim(String conversationId, int maxMessages);

  /** How many messages are kept. */
  long size(String conversationId);

  /**
   * Forgets the conversation.
   *
   * @return whether it existed
   */
  boolean clear(String conversationId);
}
