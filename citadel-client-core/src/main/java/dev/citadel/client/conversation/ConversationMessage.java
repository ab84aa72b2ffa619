package dev.citadel.client.conversation;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.audit.internal.CanonicalJson;
import java.util.Objects;

/**
 * One message as a caller appends it. JSON fields are validated and kept in canonical form (keys
 * sorted, no insignificant whitespace), which is also how they come back from the store, so two
 * messages with the same JSON meaning are {@code equals}. Immutable.
 *
 * @param role who wrote it
 * @param content its text; null when it has none (e.g. an assistant message that only calls tools)
 * @param toolCalls a JSON array: for {@link MessageRole#ASSISTANT} the tool calls requested, for
 *     {@link MessageRole#TOOL} the responses (each e.g. {@code {"id":..,"name":..,"arguments":..}});
 *     null when there are none
 * @param media a JSON array of media references (e.g. {@code {"type":"image","mimeType":..,"url":..}});
 *     null when there are none
 * @param metadata a JSON object (never null; {@code {}} when empty)
 * @param model the model that wrote it, or null
 */
public record ConversationMessage(MessageRole role, String content, String toolCalls, String media,
    String metadata, String model) {

  /**
   * Validates and canonicalises the JSON fields.
   *
   * @throws NullPointerException when {@code role} is null
   * @throws InvalidArgumentException when a JSON field is malformed or of the wrong shape
   */
  public ConversationMessage {
    Objects.requireNonNull(role, "role");
    toolCalls = array("toolCalls", toolCalls);
    media = array("media", media);
    metadata = metadata == null ? "{}" : object(metadata);
  }

  /** A message with text only. */
  public static ConversationMessage of(MessageRole role, String content) {
    return new ConversationMessage(role, content, null, null, null, null);
  }

  /** A builder starting from {@code role}. */
  public static Builder builder(MessageRole role) {
    return new Builder(role);
  }

  private static String array(String argument, String json) {
    if (json == null) {
      return null;
    }
    String canonical = canonical(argument, json);
    if (!canonical.startsWith("[")) {
      throw new InvalidArgumentException(argument, "must be a JSON array");
    }
    return canonical;
  }

  private static String object(String json) {
    String canonical = canonical("metadata", json);
    if (!canonical.startsWith("{")) {
      throw new InvalidArgumentException("metadata", "must be a JSON object");
    }
    return canonical;
  }

  private static String canonical(String argument, String json) {
    try {
      return CanonicalJson.canonicalValue(json);
    } catch (CanonicalJson.SyntaxError e) {
      InvalidArgumentException failure = new InvalidArgumentException(argument, "malformed JSON: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  /** Builds a {@link ConversationMessage}; not thread-safe. */
  public static final class Builder {
    private final MessageRole role;
    private String content;
    private String toolCalls;
    private String media;
    private String metadata;
    private String model;

    private Builder(MessageRole role) {
      this.role = Objects.requireNonNull(role, "role");
    }

    /** The text (null for none). */
    public Builder content(String content) {
      this.content = content;
      return this;
    }

    /** Tool calls or responses as a JSON array (null for none). */
    public Builder toolCalls(String toolCallsJson) {
      this.toolCalls = toolCallsJson;
      return this;
    }

    /** Media references as a JSON array (null for none). */
    public Builder media(String mediaJson) {
      this.media = mediaJson;
      return this;
    }

    /** Metadata as a JSON object (null for {@code {}}). */
    public Builder metadata(String metadataJson) {
      this.metadata = metadataJson;
      return this;
    }

    /** The model that wrote the message (null for none). */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * The message.
     *
     * @throws InvalidArgumentException when a JSON field is malformed or of the wrong shape
     */
    public ConversationMessage build() {
      return new ConversationMessage(role, content, toolCalls, media, metadata, model);
    }
  }
}
