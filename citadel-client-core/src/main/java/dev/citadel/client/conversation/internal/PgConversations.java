package dev.citadel.client.conversation.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.audit.internal.CanonicalJson;
import dev.citadel.client.conversation.Conversation;
import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.conversation.MessageRole;
import dev.citadel.client.conversation.StoredMessage;
import dev.citadel.client.conversation.WindowUpdate;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlOperations;
import dev.citadel.client.metadata.internal.Rows;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import dev.citadel.client.spi.WindowAlignment;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link Conversations} over {@code mcp.conversations} / {@code mcp.messages} (migration V8),
 * every statement through the database's one statement path.
 */
public final class PgConversations implements Conversations {
  /** Messages per INSERT statement; longer appends run several in one transaction. */
  private static final int APPEND_CHUNK = 500;
  private static final String MESSAGE_COLUMNS = "conversation_id, sequence, role, content, tool_calls::text AS tool_calls,"
      + " media::text AS media, metadata::text AS metadata, model, created_at";
  private static final String CONVERSATION_COLUMNS = "id, owner, model, metadata::text AS metadata, last_sequence,"
      + " window_start, window_pinned, created_at, updated_at";
  private static final RowMapper<StoredMessage> MESSAGE = PgConversations::message;
  private static final RowMapper<Conversation> CONVERSATION = PgConversations::conversation;

  private final Database db;

  private PgConversations(Database db) {
    this.db = db;
  }

  /** The store over {@code db}'s pooled endpoint; {@code db} stays the caller's. */
  public static Conversations create(Database db) {
    return new PgConversations(Objects.requireNonNull(db, "db"));
  }

  @Override
  public Conversation start(String id, String owner, String model, String metadataJson) {
    requireId(id);
    String metadata = metadataJson == null ? "{}" : ConversationMessage.builder(MessageRole.USER)
        .metadata(metadataJson).build().metadata();
    // DO UPDATE with no change so that RETURNING gives the existing row too.
    return db.queryOne("INSERT INTO mcp.conversations AS c (id, owner, model, metadata) VALUES (?, ?, ?, ?::jsonb)"
        + " ON CONFLICT (id) DO UPDATE SET id = c.id RETURNING " + CONVERSATION_COLUMNS,
        CONVERSATION, id, owner, model, metadata);
  }

  @Override
  public Optional<Conversation> find(String id) {
    requireId(id);
    return db.queryOptional("SELECT " + CONVERSATION_COLUMNS + " FROM mcp.conversations WHERE id = ?",
        CONVERSATION, id);
  }

  @Override
  public Page<String> ids(PageRequest page) {
    Objects.requireNonNull(page, "page");
    String after = page.cursor() == null ? "" : decodeCursor(page.cursor(), 'i');
    List<String> rows = db.query("SELECT id FROM mcp.conversations WHERE id > ? ORDER BY id LIMIT ?",
        RowMapper.column(String.class), after, page.limit() + 1);
    if (rows.size() <= page.limit()) {
      return new Page<>(rows, null);
    }
    List<String> items = rows.subList(0, page.limit());
    return new Page<>(items, encodeCursor('i', items.get(items.size() - 1)));
  }

  @Override
  public StoredMessage append(String conversationId, ConversationMessage message) {
    Objects.requireNonNull(message, "message");
    return append(conversationId, List.of(message)).get(0);
  }

  @Override
  public List<StoredMessage> append(String conversationId, List<ConversationMessage> messages) {
    requireId(conversationId);
    requireMessages(messages);
    if (messages.isEmpty()) {
      return List.of();
    }
    if (messages.size() <= APPEND_CHUNK) {
      return appendChunk(db, conversationId, messages);
    }
    return db.inTransaction(tx -> {
      List<StoredMessage> all = new ArrayList<>(messages.size());
      for (int from = 0; from < messages.size(); from += APPEND_CHUNK) {
        all.addAll(appendChunk(tx, conversationId, messages.subList(from, Math.min(messages.size(), from + APPEND_CHUNK))));
      }
      return all;
    });
  }

  /**
   * One statement: the upsert bumps {@code last_sequence} by the number of messages and holds the
   * conversation's row lock until the statement's transaction ends, so a concurrent appender
   * waits and then counts on from the new value; the messages take the sequences just reserved.
   */
  private static List<StoredMessage> appendChunk(SqlOperations sql, String conversationId,
      List<ConversationMessage> messages) {
    int n = messages.size();
    StringBuilder values = new StringBuilder();
    List<Object> args = new ArrayList<>(3 + n * 6);
    args.add(conversationId);
    args.add(n);
    args.add(n);
    for (int i = 0; i < n; i++) {
      ConversationMessage m = messages.get(i);
      values.append(i == 0 ? "" : ", ").append('(').append(i + 1).append(", ?::text, ?::text, ?::jsonb, ?::jsonb, ?::jsonb, ?::text)");
      args.add(m.role().column());
      args.add(m.content());
      args.add(m.toolCalls());
      args.add(m.media());
      args.add(m.metadata());
      args.add(m.model());
    }
    List<StoredMessage> stored = new ArrayList<>(sql.query("WITH c AS ("
        + "INSERT INTO mcp.conversations AS c (id, last_sequence) VALUES (?, ?)"
        + " ON CONFLICT (id) DO UPDATE SET last_sequence = c.last_sequence + EXCLUDED.last_sequence, updated_at = now()"
        + " RETURNING c.id, c.last_sequence)"
        + " INSERT INTO mcp.messages (conversation_id, sequence, role, content, tool_calls, media, metadata, model)"
        + " SELECT c.id, c.last_sequence - ? + v.ord, v.role, v.content, v.tool_calls, v.media, v.metadata, v.model"
        + " FROM c, (VALUES " + values + ") AS v(ord, role, content, tool_calls, media, metadata, model)"
        + " RETURNING " + MESSAGE_COLUMNS, MESSAGE, args.toArray()));
    stored.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
    return stored;
  }

  @Override
  public List<StoredMessage> last(String conversationId, int n) {
    requireId(conversationId);
    if (n < 1 || n > PageRequest.MAX_LIMIT) {
      throw new InvalidArgumentException("n", "must be between 1 and " + PageRequest.MAX_LIMIT + ", was " + n);
    }
    return db.query("SELECT * FROM (SELECT " + MESSAGE_COLUMNS + " FROM mcp.messages WHERE conversation_id = ?"
        + " ORDER BY sequence DESC LIMIT ?) m ORDER BY sequence", MESSAGE, conversationId, n);
  }

  @Override
  public Page<StoredMessage> messages(String conversationId, PageRequest page) {
    requireId(conversationId);
    Objects.requireNonNull(page, "page");
    long after = page.cursor() == null ? 0 : Long.parseLong(decodeCursor(page.cursor(), 's'));
    List<StoredMessage> rows = db.query("SELECT " + MESSAGE_COLUMNS + " FROM mcp.messages WHERE conversation_id = ?"
        + " AND sequence > ? ORDER BY sequence LIMIT ?", MESSAGE, conversationId, after, page.limit() + 1);
    if (rows.size() <= page.limit()) {
      return new Page<>(rows, null);
    }
    List<StoredMessage> items = rows.subList(0, page.limit());
    return new Page<>(items, encodeCursor('s', String.valueOf(items.get(items.size() - 1).sequence())));
  }

  @Override
  public List<StoredMessage> window(String conversationId) {
    requireId(conversationId);
    return window(db, conversationId);
  }

  /** Two index range reads (pinned, then from the window start), never a scan of the history. */
  private static List<StoredMessage> window(SqlOperations sql, String conversationId) {
    String start = "(SELECT window_start FROM mcp.conversations WHERE id = ?)";
    return sql.query("SELECT " + MESSAGE_COLUMNS + " FROM mcp.messages WHERE conversation_id = ? AND sequence < " + start
        + " AND sequence = ANY ((SELECT window_pinned FROM mcp.conversations WHERE id = ?)::bigint[])"
        + " UNION ALL SELECT " + MESSAGE_COLUMNS + " FROM mcp.messages WHERE conversation_id = ? AND sequence >= " + start
        + " ORDER BY sequence", MESSAGE, conversationId, conversationId, conversationId, conversationId, conversationId);
  }

  @Override
  public WindowUpdate replaceWindow(String conversationId, List<ConversationMessage> messages) {
    requireId(conversationId);
    requireMessages(messages);
    List<ConversationMessage> desired = List.copyOf(messages);
    return db.inTransaction(tx -> {
      tx.update("INSERT INTO mcp.conversations (id) VALUES (?) ON CONFLICT (id) DO NOTHING", conversationId);
      Conversation current = tx.queryOne("SELECT " + CONVERSATION_COLUMNS + " FROM mcp.conversations WHERE id = ?"
          + " FOR UPDATE", CONVERSATION, conversationId);
      List<StoredMessage> window = window(tx, conversationId);
      WindowAlignment alignment = WindowAlignment.of(window, desired, (s, d) -> s.message().equals(d));
      List<Long> pinned = alignment.pinned().stream().map(i -> window.get(i).sequence()).toList();
      long start = alignment.tail() < window.size() ? window.get(alignment.tail()).sequence() : current.lastSequence() + 1;
      List<ConversationMessage> added = desired.subList(alignment.addedFrom(), desired.size());
      boolean moved = start != current.windowStart() || !pinned.equals(current.windowPinned());
      if (moved) {
        tx.update("UPDATE mcp.conversations SET window_start = ?, window_pinned = ?::bigint[], updated_at = now()"
            + " WHERE id = ?", start, arrayText(pinned), conversationId);
      }
      List<StoredMessage> appended = new ArrayList<>(added.size());
      for (int from = 0; from < added.size(); from += APPEND_CHUNK) {
        appended.addAll(appendChunk(tx, conversationId, added.subList(from, Math.min(added.size(), from + APPEND_CHUNK))));
      }
      return new WindowUpdate(appended, start, pinned, moved);
    });
  }

  @Override
  public boolean delete(String conversationId) {
    requireId(conversationId);
    return db.update("DELETE FROM mcp.conversations WHERE id = ?", conversationId) > 0;
  }

  @Override
  public int retain(Duration idleFor, int batchSize) {
    Objects.requireNonNull(idleFor, "idleFor");
    if (idleFor.isNegative() || idleFor.isZero()) {
      throw new InvalidArgumentException("idleFor", "must be positive, was " + idleFor);
    }
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new InvalidArgumentException("batchSize", "must be between 1 and " + MAX_BATCH + ", was " + batchSize);
    }
    int total = 0;
    int deleted;
    do {
      deleted = db.update("DELETE FROM mcp.conversations WHERE id IN (SELECT id FROM mcp.conversations"
          + " WHERE updated_at < now() - ? * interval '1 millisecond' ORDER BY updated_at LIMIT ?"
          + " FOR UPDATE SKIP LOCKED)", idleFor.toMillis(), batchSize);
      total += deleted;
    } while (deleted == batchSize);
    return total;
  }

  private static StoredMessage message(ResultSet rs) throws SQLException {
    ConversationMessage message = new ConversationMessage(MessageRole.of(rs.getString("role")),
        rs.getString("content"), canonical(rs.getString("tool_calls")), canonical(rs.getString("media")),
        canonical(rs.getString("metadata")), rs.getString("model"));
    return new StoredMessage(rs.getString("conversation_id"), rs.getLong("sequence"), message,
        Rows.instant(rs, "created_at"));
  }

  private static Conversation conversation(ResultSet rs) throws SQLException {
    Array array = rs.getArray("window_pinned");
    List<Long> pinned = new ArrayList<>();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        pinned.add(((Number) o).longValue());
      }
    }
    return new Conversation(rs.getString("id"), rs.getString("owner"), rs.getString("model"),
        canonical(rs.getString("metadata")), rs.getLong("last_sequence"), rs.getLong("window_start"), pinned,
        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
  }

  private static String canonical(String jsonb) {
    return jsonb == null ? null : CanonicalJson.canonicalValue(jsonb);
  }

  private static String arrayText(List<Long> sequences) {
    return sequences.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }

  /** An opaque cursor: a kind letter and the last key of the page. */
  private static String encodeCursor(char kind, String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor, char kind) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.isEmpty() || text.charAt(0) != kind) {
        throw new IllegalArgumentException("cursor of another listing");
      }
      String key = text.substring(1);
      if (kind == 's') {
        Long.parseLong(key);
      }
      return key;
    } catch (RuntimeException e) {
      InvalidArgumentException failure = new InvalidArgumentException("cursor", "malformed page cursor");
      failure.initCause(e);
      throw failure;
    }
  }

  private static void requireId(String id) {
    Objects.requireNonNull(id, "conversationId");
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw new InvalidArgumentException("conversationId",
          "must be 1 to " + MAX_ID_LENGTH + " characters and not blank, was " + id.length() + " characters");
    }
  }

  private static void requireMessages(List<ConversationMessage> messages) {
    Objects.requireNonNull(messages, "messages");
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) == null) {
        throw new InvalidArgumentException("messages", "element " + i + " is null");
      }
    }
  }
}
