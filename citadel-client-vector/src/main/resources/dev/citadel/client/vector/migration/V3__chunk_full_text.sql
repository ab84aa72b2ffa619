-- Full-text search over the chunks the sync keeps in PostgreSQL (issue 19). The vector module's
-- third migration (history: flyway_schema_history_vector). ${metadata_schema} is a validated
-- identifier (database.metadata_schema, default "citadel").
--
-- A chunk's text is payload->>'content' (DocumentChunk.content, written by VectorSync). Each
-- collection has one text search configuration (its language: 'english', 'german', 'simple' for
-- no stemming and no stop words, ...), recorded when VectorSync.registerCollection first records
-- the collection (qdrant.sync.text_search_config); collections recorded before this migration, or
-- through Metadata.collections(), get 'english', the key's default.
ALTER TABLE "${metadata_schema}".collections
  ADD COLUMN text_search_config regconfig NOT NULL DEFAULT 'english';

-- Every row carries its collection's configuration (copied by the trigger below, whoever writes
-- the row), so the tsvector can be a generated column: to_tsvector(regconfig, text) is immutable.
-- Existing rows keep the default, which is also their collection's.
ALTER TABLE "${metadata_schema}".vector_metadata
  ADD COLUMN text_search_config regconfig NOT NULL DEFAULT 'english';
ALTER TABLE "${metadata_schema}".vector_metadata
  ADD COLUMN content_tsv tsvector GENERATED ALWAYS AS
    (to_tsvector(text_search_config, coalesce(payload ->> 'content', ''))) STORED;
CREATE INDEX vector_metadata_content_tsv_idx
  ON "${metadata_schema}".vector_metadata USING gin (content_tsv);

-- Generated columns are computed after BEFORE triggers, so the configuration set here is the one
-- the row's tsvector is built with.
CREATE FUNCTION "${metadata_schema}".vector_metadata_text_config() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.text_search_config INTO NEW.text_search_config
    FROM "${metadata_schema}".collections c WHERE c.id = NEW.collection_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER vector_metadata_text_config
  BEFORE INSERT OR UPDATE OF collection_id ON "${metadata_schema}".vector_metadata
  FOR EACH ROW EXECUTE FUNCTION "${metadata_schema}".vector_metadata_text_config();
