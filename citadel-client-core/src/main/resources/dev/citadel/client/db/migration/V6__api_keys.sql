-- API keys (seed 004: api.keys, api.key_usage) and the keyset indexes the metadata listings use.
CREATE SCHEMA IF NOT EXISTS api;

CREATE TABLE api.keys (
  id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The public part of the key, shown in listings and logs; finds the row.
  prefix       text        NOT NULL,
  -- HMAC-SHA256 of the secret part under the configured pepper; never the plaintext.
  secret_hash  bytea       NOT NULL,
  owner        text        NOT NULL,
  name         text,
  scopes       text[]      NOT NULL DEFAULT '{}',
  -- NULL: every model; otherwise the models the key may use.
  models       text[],
  expires_at   timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT keys_prefix_key UNIQUE (prefix)
);
CREATE INDEX keys_owner_idx ON api.keys (owner, created_at);

CREATE TABLE api.key_usage (
  key_id    uuid   NOT NULL REFERENCES api.keys (id) ON DELETE CASCADE,
  day       date   NOT NULL,
  requests  bigint NOT NULL DEFAULT 0 CHECK (requests >= 0),
  PRIMARY KEY (key_id, day)
);

CREATE INDEX collections_owner_page_idx
  ON "${metadata_schema}".collections (owner_id, created_at, id);
CREATE INDEX collections_page_idx
  ON "${metadata_schema}".collections (created_at, id);
CREATE INDEX vector_metadata_page_idx
  ON "${metadata_schema}".vector_metadata (collection_id, created_at, id);
CREATE INDEX embedding_jobs_page_idx
  ON "${metadata_schema}".embedding_jobs (collection_id, status, created_at, id);
