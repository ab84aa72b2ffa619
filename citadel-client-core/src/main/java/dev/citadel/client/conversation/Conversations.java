package dev.citadel.client.conversation;

import dev.citadel.client.conversation.internal.PgConversations;
import dev.citadel.client.db.Database;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The durable conversation store over migration V8 ({@code mcp.conversations},
 * {@code mcp.messages}; tables from {@code database().migrate()}). Messages are append-only and
 * ordered by a per-conversation sequence assigned by the database under the conversation's row
 * lock: concurrent appenders to one conversation never collide, lose or reorder messages, and an
 * append costs the same at the 10th and the 10,000th message (it never rewrites). Tool calls,
 * media references and metadata come back as they went in (canonical JSON).
 *
 * <p>Chat-memory frameworks see a <em>window</em> of a conversation: {@link #window} returns it
 * and {@link #replaceWindow} makes it equal to a list while writing only the difference, so
 * trimming a prompt never deletes history ({@link #messages} still pages through all of it).
 *
 * <p>Conversation ids are 1 to {@value #MAX_ID_LENGTH} characters. Bad arguments raise
 * {@link dev.citadel.client.InvalidArgumentException}; a conversation that does not exist is a
 * {@link dev.citadel.client.NotFoundException} only where documented (reads of an unknown
 * conversation return nothing). Thread-safe; holds no resources. {@code citadel.conversations()}
 * returns the client's.
 *
 * <pre>{@code
 * Conversations conversations = citadel.conversations();
 * conversations.start("c-42", "alice", "mixtral", null);
 * conversations.append("c-42", ConversationMessage.of(MessageRole.USER, "Hello"));
 * List<StoredMessage> recent = conversations.last("c-42", 20);   // oldest first
 * }</pre>
 */
public interface Conversations {

  /** Longest conversation id. */
  int MAX_ID_LENGTH = 200;

  /** Most conversations {@link #retain} deletes per statement. */
  int MAX_BATCH = 10_000;

  /**
   * The store over {@code db}'s pooled endpoint; {@code db} stays the caller's.
   *
   * @throws NullPointerException when {@code db} is null
   */
  static Conversations create(Database db) {
    return PgConversations.create(db);
  }

  /**
   * Creates the conversation, or returns it unchanged when it exists (its owner, model and
   * metadata are then not changed).
   *
   * @param owner the user it belongs to, or null
   * @param model the model it uses, or null
   * @param metadataJson a JSON object, or null for {@code {}}
   */
  Conversation start(String id, String owner, String model, String metadataJson);

  /** The conversation, if it exists. */
  Optional<Conversation> find(String id);

  /** The ids of every conversation, in id order, keyset-paged. */
  Page<String> ids(PageRequest page);

  /**
   * Appends one message (creating the conversation when it does not exist).
   *
   * @return the message with its sequence
   */
  StoredMessage append(String conversationId, ConversationMessage message);

  /**
   * Appends messages in order, atomically, with consecutive sequences (creating the conversation
   * when it does not exist). An empty list writes nothing.
   *
   * @return the messages with their sequences, in order
   */
  List<StoredMessage> append(String conversationId, List<ConversationMessage> messages);

  /** The last {@code n} messages (1 to {@link PageRequest#MAX_LIMIT}), oldest first. */
  List<StoredMessage> last(String conversationId, int n);

  /** Every message in sequence order, keyset-paged (cursors stay valid while messages are added). */
  Page<StoredMessage> messages(String conversationId, PageRequest page);

  /**
   * The window a chat-memory framework sees: the pinned older messages, then every message from
   * the window start on, in sequence order. Empty for an unknown conversation.
   */
  List<StoredMessage> window(String conversationId);

  /**
   * Makes the window equal to {@code messages} (full-replace semantics as the caller sees them)
   * while writing only the difference, in one transaction under the conversation's row lock:
   * when {@code messages} is the current window with older messages left out at the front (some
   * older ones, such as a system prompt, may stay in front) followed by new ones, the new ones
   * are appended and the window moved past the left-out ones, which stay in the history. A list
   * that shares no such overlap with the window is appended whole and the window starts at it.
   * The same list again writes nothing. Creates the conversation when it does not exist.
   */
  WindowUpdate replaceWindow(String conversationId, List<ConversationMessage> messages);

  /**
   * Deletes the conversation and all its messages.
   *
   * @return whether it existed
   */
  boolean delete(String conversationId);

  /**
   * Retention: deletes conversations (with their messages) with no append or window change for
   * longer than {@code idleFor}, {@code batchSize} conversations per statement until none is
   * left, skipping conversations locked by a writer at that moment.
   *
   * @param idleFor positive
   * @param batchSize 1 to {@value #MAX_BATCH}
   * @return how many conversations were deleted
   */
  int retain(Duration idleFor, int batchSize);
}
