package dev.citadel.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.MessageRole;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j messages to the SDK's conversation messages and back. The columns hold the neutral
 * view (role, text, tool calls, media references) that the SDK's history queries read; the
 * message as LangChain4j's own {@link ChatMessageSerializer} writes it is kept under
 * {@code metadata.langchain4j}, and it is what comes back, so every field (attributes, names,
 * thinking, image data) round-trips exactly. A message without it (written through the SDK or
 * another adapter) is rebuilt from the columns.
 */
final class ConversationMessages {
  static final String KEY = "langchain4j";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ConversationMessages() {}

  static List<ConversationMessage> toConversation(List<ChatMessage> messages) {
    if (messages == null) {
      throw new InvalidArgumentException("messages", "must not be null");
    }
    List<ConversationMessage> out = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      if (message == null) {
        throw new InvalidArgumentException("messages", "element " + i + " is null");
      }
      out.add(toConversation(message));
    }
    return out;
  }

  static ConversationMessage toConversation(ChatMessage message) {
    ObjectNode own = (ObjectNode) read(ChatMessageSerializer.messageToJson(message));
    ConversationMessage.Builder b;
    if (message instanceof SystemMessage system) {
      b = ConversationMessage.builder(MessageRole.SYSTEM).content(system.text());
    } else if (message instanceof UserMessage user) {
      b = ConversationMessage.builder(MessageRole.USER).content(text(user.contents())).media(media(own));
    } else if (message instanceof AiMessage ai) {
      b = ConversationMessage.builder(MessageRole.ASSISTANT).content(ai.text())
          .toolCalls(ai.hasToolExecutionRequests() ? own.get("toolExecutionRequests").toString() : null);
    } else if (message instanceof ToolExecutionResultMessage result) {
      ArrayNode calls = MAPPER.createArrayNode();
      ObjectNode call = calls.addObject().put("id", result.id()).put("name", result.toolName())
          .put("result", text(result.contents()));
      if (result.isError() != null) {
        call.put("error", result.isError());
      }
      b = ConversationMessage.builder(MessageRole.TOOL).content(text(result.contents())).toolCalls(calls.toString());
    } else {
      throw new InvalidArgumentException("messages", message.type() + " messages cannot be stored");
    }
    return b.metadata(MAPPER.createObjectNode().set(KEY, own).toString()).build();
  }

  static ChatMessage fromConversation(ConversationMessage message) {
    JsonNode own = read(message.metadata()).get(KEY);
    if (own != null) {
      return ChatMessageDeserializer.messageFromJson(own.toString());
    }
    String text = message.content();
    switch (message.role()) {
      case SYSTEM:
        return SystemMessage.from(text == null ? "" : text);
      case USER:
        return UserMessage.from(text == null ? "" : text);
      case ASSISTANT: {
        List<ToolExecutionRequest> requests = new ArrayList<>();
        for (JsonNode call : calls(message)) {
          JsonNode arguments = call.path("arguments");
          requests.add(ToolExecutionRequest.builder().id(call.path("id").asText(null)).name(call.path("name").asText(null))
              .arguments(arguments.isTextual() ? arguments.asText() : arguments.toString()).build());
        }
        return AiMessage.builder().text(text).toolExecutionRequests(requests).build();
      }
      case TOOL: {
        Iterator<JsonNode> calls = calls(message).iterator();
        JsonNode call = calls.hasNext() ? calls.next() : MAPPER.createObjectNode();
        return ToolExecutionResultMessage.from(call.path("id").asText(null), call.path("name").asText(null),
            text == null ? call.path("result").asText("") : text);
      }
      default:
        throw new IllegalStateException("unknown role " + message.role());
    }
  }

  private static Iterable<JsonNode> calls(ConversationMessage message) {
    return message.toolCalls() == null ? List.of() : read(message.toolCalls());
  }

  /** The text parts, joined by new lines; null when there are none. */
  private static String text(List<Content> contents) {
    StringBuilder text = null;
    for (Content content : contents) {
      if (content instanceof TextContent t) {
        text = text == null ? new StringBuilder(t.text()) : text.append('\n').append(t.text());
      }
    }
    return text == null ? null : text.toString();
  }

  /** The non-text contents as references: inline data is left out (it stays in the message's own JSON). */
  private static String media(ObjectNode own) {
    ArrayNode media = MAPPER.createArrayNode();
    for (JsonNode content : own.path("contents")) {
      if (!"TEXT".equals(content.path("type").asText())) {
        media.add(withoutData(content));
      }
    }
    return media.isEmpty() ? null : media.toString();
  }

  private static JsonNode withoutData(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode copy = MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("base64Data")) {
        copy.put("inline", true);
      } else {
        copy.set(field.getKey(), withoutData(field.getValue()));
      }
    }
    return copy;
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON from LangChain4j's serializer or the store is always readable", e);
    }
  }

  /** The conversation id of a LangChain4j memory id. */
  static String conversationId(Object memoryId) {
    if (memoryId == null) {
      throw new InvalidArgumentException("memoryId", "must not be null");
    }
    return memoryId.toString();
  }
}
