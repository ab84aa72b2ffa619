package dev.citadel.client.conversation;

import dev.citadel.client.InvalidArgumentException;
import java.util.Locale;

/** Who wrote a message. Stored as its lower-case name ({@code system}, {@code user}, ...). */
public enum MessageRole {
  /** Instructions to the model. */
  SYSTEM,
  /** The human (or calling application). */
  USER,
  /** The model; may carry tool calls it requests. */
  ASSISTANT,
  /** The results of tool calls, answering an assistant message. */
  TOOL;

  /** The stored name, e.g. {@code assistant}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role stored as {@code name} (any case).
   *
   * @throws InvalidArgumentException when {@code name} is no role
   */
  public static MessageRole of(String name) {
    if (name != null) {
      for (MessageRole role : values()) {
        if (role.name().equalsIgnoreCase(name)) {
          return role;
        }
      }
    }
    throw new InvalidArgumentException("role", "must be one of system, user, assistant, tool");
  }
}
