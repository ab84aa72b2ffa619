-- PostgreSQL -> Qdrant sync, part 2 (issue 14): ordering under several relays, outbox bookkeeping.
-- ${metadata_schema} is a validated identifier (database.metadata_schema, default "citadel").
-- The vector module's second migration, after V1__vector_outbox.sql (history: flyway_schema_history_vector).

-- sync_seq: a stamp taken from one sequence on every insert and update of a vector_metadata row,
-- so it never repeats, even for a point deleted and written again. A relay (or reconcile) reads
-- the stamps with the rows it pushes and reads them again once Qdrant has answered: a point whose
-- stamp changed (or that appeared or vanished) meanwhile may have been overwritten in Qdrant by
-- the older state, so it is queued again. Whatever the interleaving of relays, the last push of
-- every point therefore starts after its last write.
CREATE SEQUENCE "${metadata_schema}".vector_sync_seq;
ALTER TABLE "${metadata_schema}".vector_metadata
  ADD COLUMN sync_seq bigint NOT NULL DEFAULT nextval('"${metadata_schema}".vector_sync_seq');

CREATE FUNCTION "${metadata_schema}".vector_metadata_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.sync_seq := nextval('"${metadata_schema}".vector_sync_seq');
  RETURN NEW;
END
$$;
CREATE TRIGGER vector_metadata_stamp
  BEFORE INSERT OR UPDATE ON "${metadata_schema}".vector_metadata
  FOR EACH ROW EXECUTE FUNCTION "${metadata_schema}".vector_metadata_stamp();

-- The outbox: claims are leases (available_at moves to the lease's end and claim_token names the
-- holder; nothing stays locked while Qdrant is called); outage passes are counted apart from
-- attempts (only rejections count toward qdrant.sync.max_attempts); a deleted collection leaves a
-- drop_collection record (by name: its row is gone) so its points leave Qdrant too.
ALTER TABLE "${metadata_schema}".vector_outbox
  ALTER COLUMN collection_id DROP NOT NULL,
  ADD COLUMN collection_name text,
  ADD COLUMN outages integer NOT NULL DEFAULT 0 CHECK (outages >= 0),
  ADD COLUMN claim_token uuid,
  DROP CONSTRAINT vector_outbox_operation_check,
  ADD CONSTRAINT vector_outbox_operation_check
    CHECK (operation IN ('upsert', 'delete', 'drop_collection')),
  ADD CONSTRAINT vector_outbox_target_check
    CHECK (collection_id IS NOT NULL OR (operation = 'drop_collection' AND collection_name IS NOT NULL));
-- Pruning done records older than qdrant.sync.retention.
CREATE INDEX vector_outbox_done_idx
  ON "${metadata_schema}".vector_outbox (processed_at) WHERE status = 'done';

-- Deleting a collection row (e.g. Metadata.collections().delete) cascades to its vector_metadata
-- rows and outbox records; this record makes the relay drop the Qdrant collection as well.
CREATE FUNCTION "${metadata_schema}".vector_collection_dropped() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "${metadata_schema}".vector_outbox (collection_id, collection_name, operation, point_ids)
    VALUES (NULL, OLD.name, 'drop_collection', '{}');
  RETURN OLD;
END
$$;
CREATE TRIGGER vector_collection_dropped
  AFTER DELETE ON "${metadata_schema}".collections
  FOR EACH ROW EXECUTE FUNCTION "${metadata_schema}".vector_collection_dropped();

-- Writes to vector_metadata that do not come through VectorSync (Metadata.vectors(), hand-written
-- SQL) queue an outbox record per row, so they reach Qdrant too. VectorSync queues one record
-- per document itself and marks its transaction with citadel.vector_sync_queued = 'on'. Rows
-- removed by a collection's deletion are covered by its drop_collection record.
CREATE FUNCTION "${metadata_schema}".vector_metadata_queued() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  target "${metadata_schema}".vector_metadata;
BEGIN
  IF coalesce(current_setting('citadel.vector_sync_queued', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    target := OLD;
  ELSE
    target := NEW;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "${metadata_schema}".collections WHERE id = target.collection_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "${metadata_schema}".vector_outbox (collection_id, operation, document_id, point_ids)
    VALUES (target.collection_id, CASE WHEN TG_OP = 'DELETE' THEN 'delete' ELSE 'upsert' END,
            target.document_id, ARRAY[target.point_id]);
  IF TG_OP = 'UPDATE' AND OLD.point_id IS DISTINCT FROM NEW.point_id THEN
    INSERT INTO "${metadata_schema}".vector_outbox (collection_id, operation, document_id, point_ids)
      VALUES (OLD.collection_id, 'delete', OLD.document_id, ARRAY[OLD.point_id]);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER vector_metadata_queued
  AFTER INSERT OR UPDATE OR DELETE ON "${metadata_schema}".vector_metadata
  FOR EACH ROW EXECUTE FUNCTION "${metadata_schema}".vector_metadata_queued();
