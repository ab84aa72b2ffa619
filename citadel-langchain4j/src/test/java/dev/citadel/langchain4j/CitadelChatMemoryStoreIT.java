package dev.citadel.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.Citadel;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.conversation.MessageRole;
import dev.citadel.client.conversation.StoredMessage;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.paging.PageRequest;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LangChain4j chat memory stores on the test kit's PostgreSQL and Redis. */
class CitadelChatMemoryStoreIT {
  private static TestDatabase testDb;
  private static Citadel citadel;
  private static Conversations conversations;
  private static CitadelCache cache;

  @BeforeAll
  static void start() {
    testDb = CitadelTestKit.postgres().createDatabase();
    citadel = Citadel.create(CitadelConfig.fromValues(
        CitadelTestKit.config(testDb, CitadelTestKit.redis()).values()));
    citadel.database().migrate();
    conversations = citadel.conversations();
    cache = citadel.extension(CitadelCache.class).orElseThrow();
  }

  @AfterAll
  static void stop() {
    citadel.close();
    testDb.close();
  }

  private static List<ChatMessage> toolConversation() {
    return List.of(
        SystemMessage.from("You answer with the weather tool."),
        UserMessage.builder().name("alice").contents(List.of(TextContent.from("Weather where this was taken?"),
            ImageContent.from("https://example.org/oslo.jpg"))).attributes(Map.of("channel", "web")).build(),
        AiMessage.builder().toolExecutionRequests(List.of(
            ToolExecutionRequest.builder().id("call-1").name("weather").arguments("{\"city\":\"Oslo\"}").build(),
            ToolExecutionRequest.builder().id("call-2").name("time").arguments("{}").build()))
            .attributes(Map.of("finish", "tool_calls")).build(),
        ToolExecutionResultMessage.from("call-1", "weather", "-3 C, snow"),
        ToolExecutionResultMessage.from("call-2", "time", "09:12"),
        AiMessage.from("It is -3 C and snowing in Oslo."));
  }

  private static long rows(String id) {
    return citadel.database().queryOne("SELECT count(*) FROM mcp.messages WHERE conversation_id = ?",
        RowMapper.column(Long.class), id);
  }

  @Test
  void toolCallsMediaAndAttributesRoundTripThroughTheDurableStore() {
    ChatMemoryStore store = CitadelChatMemoryStore.create(conversations);
    String id = "lc-" + UUID.randomUUID();
    List<ChatMessage> messages = toolConversation();
    store.updateMessages(id, messages);
    assertThat(store.getMessages(id)).containsExactlyElementsOf(messages);

    // The SDK's neutral view of the same rows.
    List<StoredMessage> history = conversations.messages(id, PageRequest.first(10)).items();
    assertThat(history).extracting(m -> m.message().role()).containsExactly(MessageRole.SYSTEM, MessageRole.USER,
        MessageRole.ASSISTANT, MessageRole.TOOL, MessageRole.TOOL, MessageRole.ASSISTANT);
    assertThat(history.get(1).message().content()).isEqualTo("Weather where this was taken?");
    assertThat(history.get(1).message().media()).contains("https://example.org/oslo.jpg");
    assertThat(history.get(2).message().toolCalls())
        .isEqualTo("[{\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\",\"id\":\"call-1\",\"name\":\"weather\"},"
            + "{\"arguments\":\"{}\",\"id\":\"call-2\",\"name\":\"time\"}]");
    assertThat(history.get(3).message().toolCalls())
        .isEqualTo("[{\"id\":\"call-1\",\"name\":\"weather\",\"result\":\"-3 C, snow\"}]");

    store.deleteMessages(id);
    assertThat(store.getMessages(id)).isEmpty();
    assertThat(rows(id)).isZero();
  }

  @Test
  void aMessageWindowThatEvictsInsertsOnlyNewRowsAndKeepsTheHistory() {
    ChatMemoryStore store = CitadelChatMemoryStore.create(conversations);
    String id = "lc-" + UUID.randomUUID();
    ChatMemory memory = CitadelChatMemoryProvider.create(store, 4).get(id);
    SystemMessage system = SystemMessage.from("Be brief.");
    memory.add(system);
    for (int turn = 1; turn <= 5; turn++) {
      memory.add(UserMessage.from("question " + turn));
      memory.add(AiMessage.from("answer " + turn));
      // Every message was inserted once: 1 system + 2 per turn, never a rewrite.
      assertThat(rows(id)).isEqualTo(1 + 2L * turn);
    }
    List<ChatMessage> window = List.of(system, AiMessage.from("answer 4"), UserMessage.from("question 5"),
        AiMessage.from("answer 5"));
    assertThat(memory.messages()).containsExactlyElementsOf(window);
    assertThat(store.getMessages(id)).containsExactlyElementsOf(window);
    assertThat(conversations.find(id).orElseThrow().windowPinned()).containsExactly(1L);
    List<StoredMessage> history = conversations.messages(id, PageRequest.first(100)).items();
    assertThat(history).extracting(StoredMessage::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    assertThat(history.get(1).message().content()).isEqualTo("question 1");
  }

  @Test
  void theWindowCachedInRedisGivesTheSameMessages() {
    ChatMemoryStore store = CitadelChatMemoryStore.create(cache.conversations(conversations));
    String id = "lc-" + UUID.randomUUID();
    List<ChatMessage> messages = toolConversation();
    store.updateMessages(id, messages);
    assertThat(store.getMessages(id)).containsExactlyElementsOf(messages); // miss, refill
    assertThat(store.getMessages(id)).containsExactlyElementsOf(messages); // hit
    ChatMemory memory = CitadelChatMemoryProvider.create(store, 3).get(id);
    memory.add(UserMessage.from("And tomorrow?"));
    assertThat(store.getMessages(id)).containsExactly(messages.get(0), messages.get(5), UserMessage.from("And tomorrow?"));
    assertThat(rows(id)).isEqualTo(7);
  }

  @Test
  void theRedisOnlyStoreRoundTripsAndKeepsThePinnedSystemMessage() {
    ChatMemoryStore store = CitadelRedisChatMemoryStore.create(cache);
    String id = "lc-" + UUID.randomUUID();
    List<ChatMessage> messages = toolConversation();
    store.updateMessages(id, messages);
    assertThat(store.getMessages(id)).containsExactlyElementsOf(messages);

    ChatMemory memory = CitadelChatMemoryProvider.create(store, 3).get(id);
    memory.add(UserMessage.from("And tomorrow?"));
    assertThat(store.getMessages(id)).containsExactly(messages.get(0), messages.get(5), UserMessage.from("And tomorrow?"));
    store.deleteMessages(id);
    assertThat(store.getMessages(id)).isEmpty();
  }

  @Test
  void badInputIsATypedError() {
    ChatMemoryStore store = CitadelChatMemoryStore.create(conversations);
    assertThatThrownBy(() -> store.getMessages(null)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("memoryId:");
    assertThatThrownBy(() -> store.updateMessages("x".repeat(201), List.of(UserMessage.from("hi"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("conversationId:");
    assertThatThrownBy(() -> CitadelChatMemoryProvider.create(store, 0)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("maxMessages:");
  }
}
