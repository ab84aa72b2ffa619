-- Keyed audit chain (issue 20). key_id names the chain key whose HMAC-SHA256 hashed the row;
-- NULL for rows of the unkeyed (plain SHA-256) chain, so rows written before keying verify as
-- before. The keys themselves are never stored in the database.
ALTER TABLE audit.logs ADD COLUMN key_id text
  CHECK (key_id IS NULL OR key_id ~ '^[A-Za-z0-9_.-]{1,64}$');
