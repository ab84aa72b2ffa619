-- Conversations (seed 004: mcp.conversations, mcp.messages), issue 16: the durable home of chat
-- history. Messages are append-only; their order is the per-conversation sequence, assigned in
-- the same statement that bumps conversations.last_sequence (an upsert holding the conversation's
-- row lock), so concurrent appenders neither collide nor reorder. Never ordered by time.
--
-- id: the caller's conversation id (text: frameworks name conversations with arbitrary strings).
-- last_sequence: the sequence of the newest message (0 while there is none).
-- window_start / window_pinned: what a chat-memory framework sees as "the conversation": the
--   messages from window_start on, plus the older ones whose sequences are in window_pinned (a
--   system prompt kept while older turns leave the window). Moving the window deletes nothing.
-- updated_at: the last append or window change; retention deletes conversations idle since.
CREATE SCHEMA IF NOT EXISTS mcp;

CREATE TABLE mcp.conversations (
  id             text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  owner          text,
  model          text,
  metadata       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  last_sequence  bigint      NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
  window_start   bigint      NOT NULL DEFAULT 1 CHECK (window_start >= 1),
  window_pinned  bigint[]    NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_idle_idx ON mcp.conversations (updated_at);
CREATE INDEX conversations_owner_idx ON mcp.conversations (owner, created_at, id) WHERE owner IS NOT NULL;

CREATE TABLE mcp.messages (
  conversation_id  text        NOT NULL REFERENCES mcp.conversations (id) ON DELETE CASCADE,
  sequence         bigint      NOT NULL CHECK (sequence >= 1),
  role             text        NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
  content          text,
  -- assistant: the tool calls it requested; tool: the responses. A JSON array, kept as given.
  tool_calls       jsonb       CHECK (tool_calls IS NULL OR jsonb_typeof(tool_calls) = 'array'),
  -- references to images, audio, documents (URLs or data URLs with their MIME types): a JSON array.
  media            jsonb       CHECK (media IS NULL OR jsonb_typeof(media) = 'array'),
  metadata         jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
  model            text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, sequence)
);
