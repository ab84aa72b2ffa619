-- Audit log (issue 3). audit.logs is range-partitioned by UTC month on event_time, with a
-- default partition so that an event for a month without a partition is stored, never rejected.
-- Each writer extends one SHA-256 hash chain (chain_id): seq numbers the chain's rows 1, 2, ...
-- without gaps, prev_hash is the hash of row seq - 1 (32 zero bytes for seq 1), and hash covers
-- prev_hash plus a canonical encoding of every other column (see dev.citadel.client.audit).
-- audit.chains holds each chain's head; writers advance it in the transaction that adds rows.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.logs (
  event_time      timestamptz NOT NULL,
  id              uuid        NOT NULL,
  chain_id        text        NOT NULL,
  seq             bigint      NOT NULL CHECK (seq > 0),
  actor           text        NOT NULL,
  actor_type      text        NOT NULL CHECK (actor_type IN ('user', 'service')),
  action          text        NOT NULL,
  resource        text,
  model           text,
  outcome         text        NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  request_id      text,
  client_address  text,
  details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  prev_hash       bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
  hash            bytea       NOT NULL CHECK (octet_length(hash) = 32),
  -- A unique constraint on a partitioned table must contain the partition key. The event id is
  -- made when the event is accepted, so a replayed event collides with its first copy here.
  CONSTRAINT logs_pkey PRIMARY KEY (event_time, id)
) PARTITION BY RANGE (event_time);

COMMENT ON TABLE audit.logs IS
  'Audit events, one hash chain per chain_id; written by citadel-client''s audit writer only';

CREATE TABLE audit.logs_default PARTITION OF audit.logs DEFAULT;

-- Newest-first keyset queries: filter column, then (event_time, id) walked backwards.
-- The primary key serves time-range queries.
CREATE INDEX logs_actor_idx ON audit.logs (actor, event_time, id);
CREATE INDEX logs_resource_idx ON audit.logs (resource, event_time, id) WHERE resource IS NOT NULL;
CREATE INDEX logs_model_idx ON audit.logs (model, event_time, id) WHERE model IS NOT NULL;
-- Verification walks a chain in seq order.
CREATE INDEX logs_chain_idx ON audit.logs (chain_id, seq);

CREATE TABLE audit.chains (
  chain_id    text        PRIMARY KEY,
  last_seq    bigint      NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  last_hash   bytea       NOT NULL DEFAULT decode(repeat('00', 32), 'hex')
                          CHECK (octet_length(last_hash) = 32),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Creates the partition of p_month's UTC month (named logs_YYYY_MM) unless it is attached
-- already; rows of that month waiting in the default partition move into it. Serialised by a
-- transaction-level advisory lock, so concurrent callers are safe. Returns the partition's name.
CREATE FUNCTION audit.ensure_partition(p_month date) RETURNS text
LANGUAGE plpgsql AS $fn$
DECLARE
  v_start timestamp := date_trunc('month', p_month::timestamp);
  v_from  timestamptz := v_start AT TIME ZONE 'UTC';
  v_to    timestamptz := (v_start + interval '1 month') AT TIME ZONE 'UTC';
  v_name  text := 'logs_' || to_char(v_start, 'YYYY_MM');
BEGIN
  PERFORM pg_advisory_xact_lock(7310012473218904064);
  IF EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'audit.logs'::regclass AND c.relname = v_name) THEN
    RETURN v_name;
  END IF;
  EXECUTE format('CREATE TABLE audit.%I (LIKE audit.logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                 v_name);
  EXECUTE format('WITH moved AS (DELETE FROM audit.logs_default'
                 ' WHERE event_time >= $1 AND event_time < $2 RETURNING *)'
                 ' INSERT INTO audit.%I SELECT * FROM moved', v_name)
    USING v_from, v_to;
  EXECUTE format('ALTER TABLE audit.logs ATTACH PARTITION audit.%I FOR VALUES FROM (%L) TO (%L)',
                 v_name, v_from, v_to);
  RETURN v_name;
END
$fn$;

-- The current and next month; the audit writer's maintenance keeps months ahead from then on.
DO $do$
BEGIN
  PERFORM audit.ensure_partition((now() AT TIME ZONE 'UTC')::date);
  PERFORM audit.ensure_partition(((now() AT TIME ZONE 'UTC') + interval '1 month')::date);
END
$do$;
