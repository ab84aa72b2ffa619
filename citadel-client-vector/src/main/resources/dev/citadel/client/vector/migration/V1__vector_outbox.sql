-- PostgreSQL -> Qdrant sync (seed 002, "Collections synchronized"). The vector module's own
-- migration, with its own history table (flyway_schema_history_vector). Until the module owned it,
-- this was core's V5: written to be a no-op on a database that ran that one.
-- ${metadata_schema} is a validated identifier (database.metadata_schema, default "citadel").
--
-- vector_metadata.embedding: the vector a point should have in Qdrant, so the relay can push it
-- and reconcile can restore a point Qdrant lost. Null for rows written without a vector.
ALTER TABLE "${metadata_schema}".vector_metadata ADD COLUMN IF NOT EXISTS embedding real[];

-- The outbox: written in the same transaction as the vector_metadata rows it describes; a relay
-- makes Qdrant match PostgreSQL for point_ids (upsert the rows that exist, delete the others)
-- and marks the record done. Records are never lost while Qdrant is down: they stay pending,
-- with attempts and available_at for the backoff.
CREATE TABLE IF NOT EXISTS "${metadata_schema}".vector_outbox (
  id             bigserial   PRIMARY KEY,
  collection_id  uuid        NOT NULL REFERENCES "${metadata_schema}".collections (id) ON DELETE CASCADE,
  operation      text        NOT NULL CHECK (operation IN ('upsert', 'delete')),
  document_id    text,
  point_ids      uuid[]      NOT NULL,
  status         text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts       integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  available_at   timestamptz NOT NULL DEFAULT now(),
  processed_at   timestamptz
);
-- The relay claims the oldest due pending records: a partial index keeps that scan small.
CREATE INDEX IF NOT EXISTS vector_outbox_pending_idx
  ON "${metadata_schema}".vector_outbox (id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS vector_outbox_collection_idx
  ON "${metadata_schema}".vector_outbox (collection_id, status);
