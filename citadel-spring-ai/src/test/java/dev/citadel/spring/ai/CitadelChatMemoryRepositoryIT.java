package dev.citadel.spring.ai;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;
import org.springframework.util.MimeType;

/** The Spring AI chat memory repositories on the test kit's PostgreSQL and Redis (plain and ACL). */
class CitadelChatMemoryRepositoryIT {
  private static TestDatabase testDb;
  private static Citadel citadel;
  private static Citadel aclCitadel;
  private static Conversations conversations;

  @BeforeAll
  static void start() {
    testDb = CitadelTestKit.postgres().createDatabase();
    citadel = Citadel.create(CitadelConfig.fromValues(CitadelTestKit.config(testDb, CitadelTestKit.redis()).values()));
    citadel.database().migrate();
    conversations = citadel.conversations();
    aclCitadel = Citadel.create(CitadelConfig.fromValues(
        CitadelTestKit.config(testDb, CitadelTestKit.securedRedis()).values()));
  }

  @AfterAll
  static void stop() {
    aclCitadel.close();
    citadel.close();
    testDb.close();
  }

  static List<Message> toolConversation() {
    return List.of(
        SystemMessage.builder().text("Use the weather tool.").build(),
        UserMessage.builder().text("Weather where this was taken?")
            .media(Media.builder().mimeType(MimeType.valueOf("image/jpeg")).data(URI.create("https://example.org/oslo.jpg"))
                .id("img-1").name("oslo").build(),
                Media.builder().mimeType(MimeType.valueOf("text/plain")).data("note".getBytes(StandardCharsets.UTF_8))
                .id("txt-1").name("note").build())
            .metadata(Map.of("channel", "web", "attempt", 2)).build(),
        AssistantMessage.builder().content("").properties(Map.of("finishReason", "TOOL_CALLS")).toolCalls(List.of(
            new AssistantMessage.ToolCall("call-1", "function", "weather", "{\"city\":\"Oslo\"}"),
            new AssistantMessage.ToolCall("call-2", "function", "time", "{}"))).build(),
        ToolResponseMessage.builder().responses(List.of(
            new ToolResponseMessage.ToolResponse("call-1", "weather", "-3 C, snow"),
            new ToolResponseMessage.ToolResponse("call-2", "time", "09:12"))).metadata(Map.of("latencyMs", 41)).build(),
        new AssistantMessage("It is -3 C and snowing in Oslo."));
  }

  /** Everything a message carries, written out (Spring AI's equals leaves tool calls and media out for some types). */
  static String describe(Message m) {
    StringBuilder d = new StringBuilder(m.getMessageType() + "|" + m.getText() + "|" + new java.util.TreeMap<>(m.getMetadata()));
    if (m instanceof AssistantMessage a) {
      d.append("|calls=").append(a.getToolCalls());
    }
    if (m instanceof ToolResponseMessage t) {
      d.append("|responses=").append(t.getResponses());
    }
    if (m instanceof MediaContent withMedia) {
      for (Media media : withMedia.getMedia()) {
        Object data = media.getData();
        d.append("|media=").append(media.getId()).append(',').append(media.getName()).append(',')
            .append(media.getMimeType()).append(',')
            .append(data instanceof byte[] b ? "bytes:" + Base64.getEncoder().encodeToString(b) : String.valueOf(data));
      }
    }
    return d.toString();
  }

  static List<String> describe(List<Message> messages) {
    List<String> out = new ArrayList<>();
    messages.forEach(m -> out.add(describe(m)));
    return out;
  }

  private static long rows(String id) {
    return citadel.database().queryOne("SELECT count(*) FROM mcp.messages WHERE conversation_id = ?",
        RowMapper.column(Long.class), id);
  }

  @Test
  void toolCallsMediaAndMetadataRoundTripThroughTheDurableRepository() {
    ChatMemoryRepository repository = CitadelChatMemoryRepository.create(conversations);
    String id = "sa-" + UUID.randomUUID();
    List<Message> messages = toolConversation();
    repository.saveAll(id, messages);
    List<Message> read = repository.findByConversationId(id);
    assertThat(describe(read)).containsExactlyElementsOf(describe(messages));
    assertThat(((AssistantMessage) read.get(2)).getToolCalls()).extracting(AssistantMessage.ToolCall::name)
        .containsExactly("weather", "time");
    assertThat(read.get(1).getMetadata()).containsEntry("channel", "web").containsEntry("attempt", 2);

    List<StoredMessage> history = conversations.messages(id, PageRequest.first(10)).items();
    assertThat(history).extracting(m -> m.message().role()).containsExactly(MessageRole.SYSTEM, MessageRole.USER,
        MessageRole.ASSISTANT, MessageRole.TOOL, MessageRole.ASSISTANT);
    assertThat(history.get(3).message().toolCalls()).isEqualTo("[{\"id\":\"call-1\",\"name\":\"weather\","
        + "\"responseData\":\"-3 C, snow\"},{\"id\":\"call-2\",\"name\":\"time\",\"responseData\":\"09:12\"}]");
    assertThat(repository.findConversationIds()).contains(id);

    repository.saveAll(id, messages);
    assertThat(rows(id)).as("saving the same list again writes nothing").isEqualTo(5);
    repository.deleteByConversationId(id);
    assertThat(repository.findByConversationId(id)).isEmpty();
    assertThat(rows(id)).isZero();
  }

  @Test
  void aTrimmingMessageWindowInsertsOnlyNewRowsAndTheHistoryStaysQueryable() {
    ChatMemoryRepository repository = CitadelChatMemoryRepository.create(conversations);
    ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(4).build();
    String id = "sa-" + UUID.randomUUID();
    memory.add(id, new SystemMessage("Be brief."));
    for (int turn = 1; turn <= 5; turn++) {
      memory.add(id, new UserMessage("question " + turn));
      memory.add(id, new AssistantMessage("answer " + turn));
      assertThat(rows(id)).as("one row per message ever added").isEqualTo(1 + 2L * turn);
    }
    // Spring AI decides what the window keeps (the system message and the latest messages, at most 4).
    List<Message> window = memory.get(id);
    assertThat(window).hasSizeBetween(2, 4);
    assertThat(window.get(0).getText()).isEqualTo("Be brief.");
    assertThat(window.get(window.size() - 1).getText()).isEqualTo("answer 5");
    assertThat(describe(repository.findByConversationId(id))).containsExactlyElementsOf(describe(window));
    List<StoredMessage> history = conversations.messages(id, PageRequest.first(100)).items();
    assertThat(history).extracting(StoredMessage::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    assertThat(history).extracting(m -> m.message().content()).startsWith("Be brief.", "question 1", "answer 1");
  }

  @Test
  void theRedisRepositoryRoundTripsAndTrimsOnPlainRedis() {
    CitadelCache cache = citadel.extension(CitadelCache.class).orElseThrow();
    roundTripAndTrim(CitadelRedisChatMemoryRepository.create(cache));
  }

  @Test
  void theRedisRepositoryWorksWithAnAclUser() {
    CitadelCache cache = aclCitadel.extension(CitadelCache.class).orElseThrow();
    assertThat(cache.config().user()).as("the kit's ACL user").isNotNull();
    roundTripAndTrim(CitadelRedisChatMemoryRepository.create(cache));
  }

  @Test
  void theDurableRepositoryWithTheRedisWindowCacheKeepsTheContract() {
    CitadelCache cache = citadel.extension(CitadelCache.class).orElseThrow();
    roundTripAndTrim(CitadelChatMemoryRepository.create(cache.conversations(conversations)));
  }

  private static void roundTripAndTrim(ChatMemoryRepository repository) {
    String id = "sa-" + UUID.randomUUID();
    List<Message> messages = toolConversation();
    repository.saveAll(id, messages);
    assertThat(describe(repository.findByConversationId(id))).containsExactlyElementsOf(describe(messages));
    assertThat(repository.findConversationIds()).contains(id);

    ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(3).build();
    memory.add(id, new UserMessage("And tomorrow?"));
    List<Message> window = memory.get(id);
    assertThat(window).hasSizeBetween(2, 3);
    assertThat(window.get(0).getText()).isEqualTo("Use the weather tool.");
    assertThat(window.get(window.size() - 1).getText()).isEqualTo("And tomorrow?");
    assertThat(describe(repository.findByConversationId(id))).containsExactlyElementsOf(describe(window));
    repository.deleteByConversationId(id);
    assertThat(repository.findByConversationId(id)).isEmpty();
  }

  @Test
  void badInputIsATypedError() {
    ChatMemoryRepository repository = CitadelChatMemoryRepository.create(conversations);
    assertThatThrownBy(() -> repository.saveAll(" ", List.of(new UserMessage("hi"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("conversationId:");
    List<Message> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> repository.saveAll("c", withNull))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("messages: element 0 is null");
  }
}
