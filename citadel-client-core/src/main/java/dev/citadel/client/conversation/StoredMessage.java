package dev.citadel.client.conversation;

import java.time.Instant;

/**
 * A message as the store holds it. Immutable.
 *
 * @param conversationId the conversation it belongs to
 * @param sequence its place in the conversation: 1 for the first message, then gapless; the only
 *     order of a conversation (never the time)
 * @param message what was appended
 * @param createdAt when it was appended (database clock)
 */
public record StoredMessage(String conversationId, long sequence, ConversationMessage message, Instant createdAt) {}
