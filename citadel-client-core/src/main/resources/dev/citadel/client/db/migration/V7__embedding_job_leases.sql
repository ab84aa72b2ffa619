-- Embedding job leases (issue 14): a claim is held for a limited time, not forever.
-- ${metadata_schema} is a validated identifier (database.metadata_schema, default "citadel").
--
-- claim_token: a fresh uuid per claim; succeed, fail and renew must present it, so a worker whose
--   job was taken over (its lease ran out) can no longer finish it. Kept after the job leaves
--   'running' so that a worker retrying a completion whose reply it lost is told it was done.
-- lease_expires_at: while 'running', the time (database clock) after which another claim may take
--   the job over. Null on jobs claimed by a version before this one (during a rolling upgrade, or
--   running when this migration ran): their lease is counted from started_at with the default
--   length (EmbeddingJobRepository.DEFAULT_LEASE), so they are never stranded either.
-- 'dead': a lease ran out on the job's last allowed attempt (its worker was lost every time).
ALTER TABLE "${metadata_schema}".embedding_jobs
  ADD COLUMN claim_token uuid,
  ADD COLUMN lease_expires_at timestamptz;

ALTER TABLE "${metadata_schema}".embedding_jobs
  DROP CONSTRAINT embedding_jobs_status_check,
  ADD CONSTRAINT embedding_jobs_status_check
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead'));
