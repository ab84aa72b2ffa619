package dev.citadel.client.cache.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of a conversation, the default element of {@link ConversationMemory}; stored as
 * JSON {@code {"role":"user","content":"...","timestamp":"2026-01-16T00:00:00Z"}}.
 *
 * @param role who spoke: {@code system}, {@code user}, {@code assistant}, {@code tool}...
 * @param content the text
 * @param timestamp when it was said
 */
public record ChatMessage(String role, String content, Instant timestamp) {

  /** Checks that no field is null. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** A message from {@code role} now. */
  public static ChatMessage of(String role, String content) {
    return new ChatMessage(role, content, Instant.now());
  }
}
