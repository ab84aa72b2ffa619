-- Metadata tables (seed 002): users, collections, vector_metadata, embedding_jobs.
-- ${metadata_schema} is a validated identifier (database.metadata_schema, default "citadel").
-- Every row carries a version for optimistic concurrency.
CREATE SCHEMA IF NOT EXISTS "${metadata_schema}";

CREATE TABLE "${metadata_schema}".users (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  username    text        NOT NULL,
  email       text,
  full_name   text,
  active      boolean     NOT NULL DEFAULT true,
  attributes  jsonb       NOT NULL DEFAULT '{}'::jsonb,
  version     bigint      NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_username_key UNIQUE (username)
);
CREATE UNIQUE INDEX users_email_key ON "${metadata_schema}".users (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX users_created_idx ON "${metadata_schema}".users (created_at, id);

CREATE TABLE "${metadata_schema}".collections (
  id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text        NOT NULL,
  description  text,
  vector_size  integer     NOT NULL CHECK (vector_size > 0),
  distance     text        NOT NULL DEFAULT 'Cosine'
                           CHECK (distance IN ('Cosine', 'Dot', 'Euclid', 'Manhattan')),
  owner_id     uuid        REFERENCES "${metadata_schema}".users (id) ON DELETE SET NULL,
  metadata     jsonb       NOT NULL DEFAULT '{}'::jsonb,
  version      bigint      NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT collections_name_key UNIQUE (name)
);
CREATE INDEX collections_owner_idx ON "${metadata_schema}".collections (owner_id);

CREATE TABLE "${metadata_schema}".vector_metadata (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_id  uuid        NOT NULL REFERENCES "${metadata_schema}".collections (id) ON DELETE CASCADE,
  point_id       uuid        NOT NULL,
  document_id    text,
  chunk_index    integer     CHECK (chunk_index >= 0),
  content_hash   text,
  payload        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  version        bigint      NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT vector_metadata_point_key UNIQUE (collection_id, point_id)
);
CREATE INDEX vector_metadata_document_idx
  ON "${metadata_schema}".vector_metadata (collection_id, document_id, chunk_index);

CREATE TABLE "${metadata_schema}".embedding_jobs (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_id  uuid        NOT NULL REFERENCES "${metadata_schema}".collections (id) ON DELETE CASCADE,
  status         text        NOT NULL DEFAULT 'queued'
                             CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  attempts       integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  payload        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  error          text,
  created_by     uuid        REFERENCES "${metadata_schema}".users (id) ON DELETE SET NULL,
  version        bigint      NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz
);
-- Workers claim the oldest open job: a partial index keeps that scan small.
CREATE INDEX embedding_jobs_open_idx
  ON "${metadata_schema}".embedding_jobs (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX embedding_jobs_collection_idx
  ON "${metadata_schema}".embedding_jobs (collection_id, status);
