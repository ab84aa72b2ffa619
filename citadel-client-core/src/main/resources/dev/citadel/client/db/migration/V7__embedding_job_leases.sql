-- Embedding job leases (issue 14): a claim is held for a limited time, not forever.
-- ${metadata_schema} is a validated identifier (database.metadata_schema, default "citadel").
--
-- claim_token: a fresh uuid per claim; succeed, fail and renew must present it, so a worker whose
--   job was reclaimed (its lease ran out) can no longer finish it. Kept after the job leaves
--   'running' so that a worker retrying a completion whose reply it lost is told it succeeded.
-- lease_expires_at: while 'running', the time (database clock) after which another claim may take
--   the job over; null otherwise.
-- 'dead': a lease ran out after the job's last allowed attempt (the worker was lost every time).
ALTER TABLE "${metadata_schema}".embedding_jobs
  ADD COLUMN claim_token uuid,
  ADD COLUMN lease_expires_at timestamptz;

-- Jobs running before this migration had no lease: give them one that has already expired, so the
-- next claim takes them over instead of leaving them stranded.
UPDATE "${metadata_schema}".embedding_jobs
   SET claim_token = gen_random_uuid(), lease_expires_at = now()
 WHERE status = 'running';

ALTER TABLE "${metadata_schema}".embedding_jobs
  DROP CONSTRAINT embedding_jobs_status_check,
  ADD CONSTRAINT embedding_jobs_status_check
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
  ADD CONSTRAINT embedding_jobs_running_lease_check
    CHECK (status <> 'running' OR (claim_token IS NOT NULL AND lease_expires_at IS NOT NULL));

-- Claims and the reaper look for running jobs whose lease ran out.
CREATE INDEX embedding_jobs_lease_idx
  ON "${metadata_schema}".embedding_jobs (lease_expires_at) WHERE status = 'running';
