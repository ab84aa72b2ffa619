package dev.citadel.spring.ai;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.MessageRole;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;
import org.springframework.util.MimeType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spring AI messages to the SDK's conversation messages and back: text, tool calls
 * ({@code [{"id","type","name","arguments"}]}) and tool responses ({@code [{"id","name","responseData"}]})
 * as JSON arrays, media as references ({@code {"id","name","mimeType","url"}}, or the bytes as
 * {@code "base64"} when the media holds data rather than a URL), and the message's metadata map as
 * the metadata object. The mapping is deterministic, so a message read back and saved again is
 * the same stored message (which is how the repository finds what is new).
 */
final class ConversationMessages {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ConversationMessages() {}

  static List<ConversationMessage> toConversation(List<Message> messages) {
    if (messages == null) {
      throw new InvalidArgumentException("messages", "must not be null");
    }
    List<ConversationMessage> out = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      if (message == null) {
        throw new InvalidArgumentException("messages", "element " + i + " is null");
      }
      out.add(toConversation(message));
    }
    return out;
  }

  static ConversationMessage toConversation(Message message) {
    ConversationMessage.Builder b;
    switch (message.getMessageType()) {
      case SYSTEM -> b = ConversationMessage.builder(MessageRole.SYSTEM);
      case USER -> b = ConversationMessage.builder(MessageRole.USER);
      case ASSISTANT -> {
        b = ConversationMessage.builder(MessageRole.ASSISTANT);
        if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
          ArrayNode calls = MAPPER.createArrayNode();
          for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
            calls.addObject().put("id", call.id()).put("type", call.type()).put("name", call.name())
                .put("arguments", call.arguments());
          }
          b.toolCalls(calls.toString());
        }
      }
      case TOOL -> {
        b = ConversationMessage.builder(MessageRole.TOOL);
        if (message instanceof ToolResponseMessage tool) {
          ArrayNode responses = MAPPER.createArrayNode();
          for (ToolResponseMessage.ToolResponse response : tool.getResponses()) {
            responses.addObject().put("id", response.id()).put("name", response.name())
                .put("responseData", response.responseData());
          }
          b.toolCalls(responses.toString());
        }
      }
      default -> throw new InvalidArgumentException("messages", message.getMessageType() + " messages cannot be stored");
    }
    if (message instanceof MediaContent withMedia && withMedia.getMedia() != null && !withMedia.getMedia().isEmpty()) {
      ArrayNode media = MAPPER.createArrayNode();
      for (Media m : withMedia.getMedia()) {
        ObjectNode ref = media.addObject().put("id", m.getId()).put("name", m.getName())
            .put("mimeType", m.getMimeType().toString());
        if (m.getData() instanceof byte[] bytes) {
          ref.put("base64", Base64.getEncoder().encodeToString(bytes));
        } else {
          ref.put("url", String.valueOf(m.getData()));
        }
      }
      b.media(media.toString());
    }
    String metadata;
    try {
      metadata = MAPPER.writeValueAsString(message.getMetadata() == null ? Map.of() : message.getMetadata());
    } catch (JacksonException e) {
      InvalidArgumentException failure = new InvalidArgumentException("messages",
          "metadata of a " + message.getMessageType() + " message is not representable as JSON");
      failure.initCause(e);
      throw failure;
    }
    return b.content(message.getText()).metadata(metadata).build();
  }

  @SuppressWarnings("unchecked")
  static Message fromConversation(ConversationMessage message) {
    Map<String, Object> metadata = MAPPER.readValue(message.metadata(), LinkedHashMap.class);
    String text = message.content();
    return switch (message.role()) {
      case SYSTEM -> SystemMessage.builder().text(text == null ? "" : text).metadata(metadata).build();
      case USER -> UserMessage.builder().text(text == null ? "" : text).media(media(message)).metadata(metadata).build();
      case ASSISTANT -> {
        List<AssistantMessage.ToolCall> calls = new ArrayList<>();
        for (JsonNode call : array(message.toolCalls())) {
          calls.add(new AssistantMessage.ToolCall(call.path("id").asString(null), call.path("type").asString(null),
              call.path("name").asString(null), argumentsOf(call)));
        }
        yield AssistantMessage.builder().content(text).properties(metadata).toolCalls(calls).media(media(message))
            .build();
      }
      case TOOL -> {
        List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
        for (JsonNode response : array(message.toolCalls())) {
          JsonNode data = response.has("responseData") ? response.get("responseData") : response.path("result");
          responses.add(new ToolResponseMessage.ToolResponse(response.path("id").asString(null),
              response.path("name").asString(null), data.isString() ? data.asString() : data.toString()));
        }
        yield ToolResponseMessage.builder().responses(responses).metadata(metadata).build();
      }
    };
  }

  private static String argumentsOf(JsonNode call) {
    JsonNode arguments = call.path("arguments");
    return arguments.isString() ? arguments.asString() : arguments.toString();
  }

  private static List<Media> media(ConversationMessage message) {
    List<Media> media = new ArrayList<>();
    for (JsonNode ref : array(message.media())) {
      Media.Builder b = Media.builder().mimeType(MimeType.valueOf(ref.path("mimeType").asString("application/octet-stream")));
      if (ref.has("base64")) {
        b.data(Base64.getDecoder().decode(ref.get("base64").asString()));
      } else {
        b.data(URI.create(ref.path("url").asString()));
      }
      if (ref.hasNonNull("id")) {
        b.id(ref.get("id").asString());
      }
      if (ref.hasNonNull("name")) {
        b.name(ref.get("name").asString());
      }
      media.add(b.build());
    }
    return media;
  }

  private static Iterable<JsonNode> array(String json) {
    return json == null ? List.of() : MAPPER.readTree(json);
  }

  /**
   * One stored message as one JSON text with a fixed field order (its JSON fields already
   * canonical), so equal messages are equal bytes: the element format of the Redis repository.
   */
  static String encode(ConversationMessage message) {
    ObjectNode node = MAPPER.createObjectNode().put("role", message.role().column()).put("content", message.content());
    node.set("toolCalls", message.toolCalls() == null ? null : MAPPER.readTree(message.toolCalls()));
    node.set("media", message.media() == null ? null : MAPPER.readTree(message.media()));
    node.set("metadata", MAPPER.readTree(message.metadata()));
    return node.toString();
  }

  static ConversationMessage decode(String entry) {
    JsonNode node = MAPPER.readTree(entry);
    return ConversationMessage.builder(MessageRole.of(node.path("role").asString(null)))
        .content(node.path("content").isNull() ? null : node.path("content").asString(null))
        .toolCalls(node.path("toolCalls").isNull() || node.path("toolCalls").isMissingNode() ? null
            : node.get("toolCalls").toString())
        .media(node.path("media").isNull() || node.path("media").isMissingNode() ? null : node.get("media").toString())
        .metadata(node.path("metadata").toString()).build();
  }
}
