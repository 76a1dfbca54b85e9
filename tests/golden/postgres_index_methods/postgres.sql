\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, index methods, operator classes and included columns
-- tests/golden/postgres_index_methods/001_init.mig
BEGIN;
CREATE TABLE documents (
    id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    body JSONB,
    created_at TIMESTAMP NOT NULL,
    owner_id BIGINT,
    CONSTRAINT documents_pkey PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT documents_slug_key UNIQUE NULLS NOT DISTINCT (slug) DEFERRABLE
);
CREATE INDEX documents_body_ix ON documents USING gin (body);
CREATE INDEX documents_body_path_ix ON documents USING gin (body jsonb_path_ops);
CREATE INDEX documents_slug_hash_ix ON documents USING hash (slug);
CREATE INDEX documents_created_brin_ix ON documents USING brin (created_at);
CREATE INDEX documents_slug_spgist_ix ON documents USING spgist (slug);
CREATE UNIQUE INDEX documents_owner_ix ON documents (owner_id NULLS FIRST) INCLUDE (title, created_at);
CREATE INDEX documents_title_pattern_ix ON documents ((lower(title)) text_pattern_ops DESC);
COMMIT;

-- Running upgrade 001 -> 002, change an index method and a unique constraint
-- tests/golden/postgres_index_methods/002_change_method.mig
BEGIN;
DROP INDEX documents_slug_hash_ix;
CREATE INDEX documents_slug_hash_ix ON documents (slug);
ALTER TABLE documents
    DROP CONSTRAINT documents_slug_key,
    ADD CONSTRAINT documents_slug_key UNIQUE (slug);
COMMIT;

-- Running upgrade 002 -> 003, unique indexes with nulls not distinct
-- tests/golden/postgres_index_methods/003_nulls_not_distinct.mig
BEGIN;
CREATE UNIQUE INDEX documents_title_ix ON documents ((lower(title))) INCLUDE (slug) NULLS NOT DISTINCT WHERE title <> '';
CREATE UNIQUE INDEX documents_owner_created_ix ON documents (owner_id, created_at) NULLS NOT DISTINCT;
COMMIT;

