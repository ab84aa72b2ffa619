-- A module's own migration, as the vector module ships one (tests the ModuleMigrations SPI).
CREATE TABLE "${metadata_schema}".module_notes (id bigserial PRIMARY KEY, note text NOT NULL);
