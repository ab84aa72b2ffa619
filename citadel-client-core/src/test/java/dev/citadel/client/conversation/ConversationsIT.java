package dev.citadel.client.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.Citadel;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CitadelTestKitExtension.class)
class ConversationsIT {
  private static TestDatabase testDb;
  private static Database db;
  private static Conversations conversations;

  @BeforeAll
  static void start(TestDatabase database) {
    testDb = database;
    db = Database.create(TestConfigs.citadel(database, b -> b.pool(
        PoolConfig.builder().minConnections(0).maxConnections(20).build())));
    db.migrate();
    conversations = Conversations.create(db);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  private static String newId() {
    return "conv-" + UUID.randomUUID();
  }

  private static ConversationMessage user(String text) {
    return ConversationMessage.of(MessageRole.USER, text);
  }

  private static ConversationMessage assistant(String text) {
    return ConversationMessage.of(MessageRole.ASSISTANT, text);
  }

  private static long rows(String id) {
    return db.queryOne("SELECT count(*) FROM mcp.messages WHERE conversation_id = ?", RowMapper.column(Long.class), id);
  }

  @Test
  void toolCallsMediaAndMetadataComeBackIntactInSequenceOrder() {
    String id = newId();
    Conversation started = conversations.start(id, "alice", "mixtral", "{ \"topic\" : \"weather\" }");
    assertThat(started.owner()).isEqualTo("alice");
    assertThat(started.model()).isEqualTo("mixtral");
    assertThat(started.metadata()).isEqualTo("{\"topic\":\"weather\"}");
    assertThat(started.lastSequence()).isZero();
    assertThat(conversations.start(id, "bob", null, null)).as("start of an existing one changes nothing")
        .extracting(Conversation::owner).isEqualTo("alice");

    ConversationMessage system = ConversationMessage.of(MessageRole.SYSTEM, "You are terse.");
    ConversationMessage withImage = ConversationMessage.builder(MessageRole.USER).content("What is on it?")
        .media("[{\"url\": \"https://example.org/cat.png\", \"type\": \"image\", \"mimeType\": \"image/png\"}]")
        .metadata("{\"client\": {\"app\": \"web\", \"v\": 2}}").build();
    ConversationMessage toolRequest = ConversationMessage.builder(MessageRole.ASSISTANT)
        .toolCalls("[{\"id\":\"call-1\",\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}]")
        .model("mixtral").build();
    ConversationMessage toolResponse = ConversationMessage.builder(MessageRole.TOOL)
        .toolCalls("[{\"id\":\"call-1\",\"name\":\"weather\",\"result\":\"-3 C\"}]").build();
    List<StoredMessage> stored = conversations.append(id, List.of(system, withImage, toolRequest, toolResponse));
    assertThat(stored).extracting(StoredMessage::sequence).containsExactly(1L, 2L, 3L, 4L);

    List<StoredMessage> read = conversations.last(id, 10);
    assertThat(read).extracting(StoredMessage::message).containsExactly(system, withImage, toolRequest, toolResponse);
    ConversationMessage image = read.get(1).message();
    assertThat(image.media()).isEqualTo(
        "[{\"mimeType\":\"image/png\",\"type\":\"image\",\"url\":\"https://example.org/cat.png\"}]");
    assertThat(image.metadata()).isEqualTo("{\"client\":{\"app\":\"web\",\"v\":2}}");
    assertThat(read.get(2).message().toolCalls())
        .isEqualTo("[{\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\",\"id\":\"call-1\",\"name\":\"weather\"}]");
    assertThat(read.get(2).message().content()).isNull();
    assertThat(read.get(2).message().model()).isEqualTo("mixtral");
    assertThat(read.get(3).message().role()).isEqualTo(MessageRole.TOOL);
    assertThat(read).allSatisfy(m -> assertThat(m.createdAt()).isNotNull());
    assertThat(conversations.find(id).orElseThrow().lastSequence()).isEqualTo(4);

    assertThat(conversations.last(id, 2)).extracting(StoredMessage::sequence).containsExactly(3L, 4L);
    assertThat(conversations.last(newId(), 5)).isEmpty();
  }

  @Test
  void fiftyConcurrentAppendersLoseAndReorderNothing() throws Exception {
    String id = newId();
    int threads = 50;
    int perThread = 20;
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          List<Long> sequences = new ArrayList<>();
          for (int k = 0; k < perThread; k++) {
            sequences.add(conversations.append(id, user(thread + ":" + k)).sequence());
          }
          return sequences;
        }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      for (Future<List<Long>> result : results) {
        assertThat(result.get(120, TimeUnit.SECONDS)).isSorted().hasSize(perThread);
      }
    } finally {
      pool.shutdownNow();
    }

    List<StoredMessage> all = new ArrayList<>();
    Page<StoredMessage> page = conversations.messages(id, PageRequest.first(137));
    all.addAll(page.items());
    while (page.hasNext()) {
      page = conversations.messages(id, page.next(137).orElseThrow());
      all.addAll(page.items());
    }
    assertThat(all).hasSize(threads * perThread);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).sequence()).as("gapless sequence").isEqualTo(i + 1);
    }
    // Each appender's messages are in the order it appended them.
    Map<String, Integer> nextOfThread = new HashMap<>();
    for (StoredMessage m : all) {
      String[] parts = m.message().content().split(":");
      int expected = nextOfThread.getOrDefault(parts[0], 0);
      assertThat(Integer.parseInt(parts[1])).as("message order of appender " + parts[0]).isEqualTo(expected);
      nextOfThread.put(parts[0], expected + 1);
    }
    assertThat(nextOfThread).hasSize(threads).allSatisfy((t, n) -> assertThat(n).isEqualTo(perThread));
    assertThat(conversations.find(id).orElseThrow().lastSequence()).isEqualTo(threads * perThread);
  }

  @Test
  void aLongAppendTakesConsecutiveSequencesInOneTransaction() {
    String id = newId();
    List<ConversationMessage> many = new ArrayList<>();
    for (int i = 0; i < 1_203; i++) {
      many.add(user("m" + i));
    }
    List<StoredMessage> stored = conversations.append(id, many);
    assertThat(stored).hasSize(1_203);
    assertThat(stored.get(0).sequence()).isEqualTo(1);
    assertThat(stored.get(1_202).sequence()).isEqualTo(1_203);
    assertThat(stored.get(700).message().content()).isEqualTo("m700");
    assertThat(rows(id)).isEqualTo(1_203);
    assertThat(conversations.append(id, List.of())).isEmpty();
  }

  @Test
  void replacingTheWindowWithATrimmedListAppendsOnlyTheNewMessagesAndKeepsHistory() {
    String id = newId();
    List<ConversationMessage> turns = List.of(user("u1"), assistant("a1"), user("u2"), assistant("a2"), user("u3"));
    WindowUpdate first = conversations.replaceWindow(id, turns);
    assertThat(first.appended()).hasSize(5);
    assertThat(rows(id)).isEqualTo(5);

    // A framework kept the last three and added one.
    List<ConversationMessage> trimmed = List.of(user("u2"), assistant("a2"), user("u3"), assistant("a3"));
    WindowUpdate update = conversations.replaceWindow(id, trimmed);
    assertThat(update.appended()).extracting(StoredMessage::sequence).containsExactly(6L);
    assertThat(update.windowStart()).isEqualTo(3);
    assertThat(update.windowMoved()).isTrue();
    assertThat(rows(id)).isEqualTo(6);
    assertThat(conversations.window(id)).extracting(StoredMessage::message).containsExactlyElementsOf(trimmed);
    assertThat(conversations.messages(id, PageRequest.first(100)).items()).extracting(m -> m.message().content())
        .containsExactly("u1", "a1", "u2", "a2", "u3", "a3");

    WindowUpdate again = conversations.replaceWindow(id, trimmed);
    assertThat(again.unchanged()).isTrue();
    assertThat(rows(id)).isEqualTo(6);
  }

  @Test
  void aPinnedSystemMessageStaysInTheWindowWithoutBeingWrittenAgain() {
    String id = newId();
    ConversationMessage system = ConversationMessage.of(MessageRole.SYSTEM, "Be brief.");
    conversations.replaceWindow(id, List.of(system, user("u1"), assistant("a1"), user("u2"), assistant("a2")));

    List<ConversationMessage> kept = List.of(system, user("u2"), assistant("a2"), user("u3"));
    WindowUpdate update = conversations.replaceWindow(id, kept);
    assertThat(update.appended()).extracting(StoredMessage::sequence).containsExactly(6L);
    assertThat(update.windowPinned()).containsExactly(1L);
    assertThat(update.windowStart()).isEqualTo(4);
    assertThat(rows(id)).isEqualTo(6);
    assertThat(conversations.window(id)).extracting(StoredMessage::message).containsExactlyElementsOf(kept);
    assertThat(conversations.find(id).orElseThrow().windowPinned()).containsExactly(1L);
  }

  @Test
  void aListWithNoOverlapIsAppendedWholeAndAnEmptyListEmptiesTheWindow() {
    String id = newId();
    conversations.replaceWindow(id, List.of(user("u1"), assistant("a1")));
    WindowUpdate unrelated = conversations.replaceWindow(id, List.of(user("x"), assistant("y")));
    assertThat(unrelated.appended()).extracting(StoredMessage::sequence).containsExactly(3L, 4L);
    assertThat(conversations.window(id)).extracting(m -> m.message().content()).containsExactly("x", "y");

    WindowUpdate emptied = conversations.replaceWindow(id, List.of());
    assertThat(emptied.appended()).isEmpty();
    assertThat(emptied.windowStart()).isEqualTo(5);
    assertThat(conversations.window(id)).isEmpty();
    assertThat(rows(id)).isEqualTo(4);
    assertThat(conversations.replaceWindow(id, List.of(user("z"))).appended())
        .extracting(StoredMessage::sequence).containsExactly(5L);
    assertThat(conversations.window(id)).extracting(m -> m.message().content()).containsExactly("z");
  }

  @Test
  void deleteAndRetentionRemoveConversationsWithTheirMessages() {
    String kept = newId();
    conversations.append(kept, user("recent"));
    List<String> idle = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = newId();
      conversations.append(id, List.of(user("old"), assistant("old")));
      idle.add(id);
    }
    db.update("UPDATE mcp.conversations SET updated_at = now() - interval '3 days' WHERE id = ANY (?::text[])",
        "{" + String.join(",", idle) + "}");

    assertThat(conversations.retain(Duration.ofDays(2), 2)).isGreaterThanOrEqualTo(5);
    for (String id : idle) {
      assertThat(conversations.find(id)).isEmpty();
      assertThat(rows(id)).isZero();
    }
    assertThat(conversations.find(kept)).isPresent();

    assertThat(conversations.delete(kept)).isTrue();
    assertThat(conversations.delete(kept)).isFalse();
    assertThat(rows(kept)).isZero();
  }

  @Test
  void idsArePagedWithoutRepeats() {
    String prefix = "ids-" + UUID.randomUUID() + "-";
    for (String suffix : List.of("c", "a", "b")) {
      conversations.append(prefix + suffix, user("x"));
    }
    List<String> all = new ArrayList<>();
    Page<String> page = conversations.ids(PageRequest.first(2));
    all.addAll(page.items());
    while (page.hasNext()) {
      page = conversations.ids(page.next(2).orElseThrow());
      all.addAll(page.items());
    }
    assertThat(all).doesNotHaveDuplicates().isSorted()
        .containsSubsequence(prefix + "a", prefix + "b", prefix + "c");
  }

  @Test
  void badArgumentsAreTypedErrorsNamingTheArgument() {
    assertThatThrownBy(() -> conversations.append(" ", user("x")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("conversationId:");
    assertThatThrownBy(() -> conversations.append("x".repeat(201), user("x")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("conversationId:");
    assertThatThrownBy(() -> ConversationMessage.builder(MessageRole.ASSISTANT).toolCalls("{\"id\":1}").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessage("toolCalls: must be a JSON array");
    assertThatThrownBy(() -> ConversationMessage.builder(MessageRole.USER).metadata("{broken").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("metadata: malformed JSON");
    assertThatThrownBy(() -> ConversationMessage.builder(MessageRole.USER).media("[1,").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("media: malformed JSON");
    assertThatThrownBy(() -> MessageRole.of("robot"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("role:");
    assertThatThrownBy(() -> conversations.last("c", 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("n:");
    assertThatThrownBy(() -> conversations.messages("c", PageRequest.after("not-a-cursor", 5)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("cursor:");
    assertThatThrownBy(() -> conversations.retain(Duration.ZERO, 10))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("idleFor:");
    assertThatThrownBy(() -> conversations.retain(Duration.ofDays(1), 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("batchSize:");
    List<ConversationMessage> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> conversations.append("c", withNull))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("messages: element 0 is null");
  }

  @Test
  void theCitadelObjectHandsOutTheStore() {
    try (Citadel citadel = Citadel.create(TestConfigs.citadel(testDb))) {
      String id = newId();
      citadel.conversations().append(id, user("hi"));
      assertThat(conversations.last(id, 1)).extracting(m -> m.message().content()).containsExactly("hi");
    }
  }
}
