/**
 * The durable conversation store (seed 004's {@code mcp.conversations} / {@code mcp.messages}):
 * append-only chat history ordered by a per-conversation sequence, with tool calls, media
 * references and metadata kept intact, windows for chat-memory frameworks, paging and retention.
 * Entry point: {@link dev.citadel.client.conversation.Conversations} ({@code citadel.conversations()}).
 */
package dev.citadel.client.conversation;
