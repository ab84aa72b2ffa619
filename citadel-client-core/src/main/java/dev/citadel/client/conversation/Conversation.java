package dev.citadel.client.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation's row. Immutable.
 *
 * @param id the caller's id
 * @param owner the user it belongs to, or null
 * @param model the model it was started with, or null
 * @param metadata a JSON object (canonical form)
 * @param lastSequence the sequence of the newest message, 0 while there is none
 * @param windowStart the first sequence of the framework window (see {@link Conversations#window})
 * @param windowPinned older sequences still in the window (e.g. a system prompt), ascending
 * @param createdAt when it was created
 * @param updatedAt the last append or window change (retention counts idleness from it)
 */
public record Conversation(String id, String owner, String model, String metadata, long lastSequence,
    long windowStart, List<Long> windowPinned, Instant createdAt, Instant updatedAt) {

  /** Defensive copy. */
  public Conversation {
    windowPinned = List.copyOf(windowPinned);
  }
}
