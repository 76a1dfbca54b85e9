\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, documents with PostgreSQL operators
-- tests/golden/postgres_operators/001_documents.mig
BEGIN;
CREATE TABLE documents (
    id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    title TEXT,
    author TEXT,
    body JSONB NOT NULL DEFAULT (CAST('{}' AS JSONB)),
    meta JSONB DEFAULT (CAST('{"v": 1}' AS JSONB)),
    kind INTEGER NOT NULL DEFAULT 1,
    rank INTEGER,
    expires_at TIMESTAMP DEFAULT (CURRENT_TIMESTAMP + INTERVAL '30 days'),
    quarter INTEGER,
    CONSTRAINT documents_pkey PRIMARY KEY (id),
    CONSTRAINT documents_slug_check CHECK (slug ~ '^[a-z0-9-]+$' AND slug !~ '--'),
    CONSTRAINT documents_title_check CHECK (title !~* '^draft' AND title ~* '[a-z]'),
    CONSTRAINT documents_author_check CHECK (author ILIKE '%@%' AND author NOT ILIKE 'root@%'),
    CONSTRAINT documents_kind_check CHECK (kind = ANY (ARRAY[1, 2, 3])),
    CONSTRAINT documents_rank_check CHECK (rank > ALL (ARRAY[0, -1])),
    CONSTRAINT documents_check CHECK (quarter = EXTRACT(quarter FROM expires_at)),
    CONSTRAINT documents_body_check CHECK (body ? 'type' AND body @> '{"ok": true}' AND '{}' <@ body),
    CONSTRAINT documents_meta_check CHECK (meta -> 'v' IS NOT NULL AND meta ->> 'v' <> '0' AND meta #> '{a,b}' IS NULL OR meta #>> '{a}' = 'x')
);
CREATE INDEX ix_documents_type ON documents ((body ->> 'type')) WHERE body ? 'type';
CREATE INDEX ix_documents_slug ON documents ((lower(slug))) WHERE slug ~ '^a' OR kind <> ALL (ARRAY[3]);
INSERT INTO documents (id, slug, body, kind) VALUES (1, 'welcome', CAST('{"type": "page", "ok": true}' AS JSONB), 2);
COMMIT;

-- Running upgrade 001 -> 002, alter with PostgreSQL operators
-- tests/golden/postgres_operators/002_more.mig
BEGIN;
ALTER TABLE documents
    ADD COLUMN tags TEXT DEFAULT ('a' || 'b'),
    ALTER COLUMN rank TYPE BIGINT USING (CASE WHEN CAST(rank AS TEXT) ~ '1' THEN 1 ELSE rank END),
    ADD CONSTRAINT documents_tags_check CHECK (tags !~* 'x'),
    ALTER COLUMN title SET DEFAULT (CAST(('untitled' || '') AS TEXT));
COMMIT;

-- Running upgrade 002 -> 003, views in PostgreSQL syntax
-- tests/golden/postgres_operators/003_views.mig
BEGIN;
CREATE VIEW recent_documents AS
SELECT d.id, d.body ->> 'title' AS title, d.slug::varchar(40) AS slug,
               extract(year FROM d.expires_at) AS year,
               date_trunc('day', d.expires_at) AS day,
               CASE WHEN d.slug ~* '^a' THEN 'a' ELSE 'b' END AS bucket,
               ARRAY[d.kind, d.rank]::bigint[] AS numbers, $q$quoted$q$ AS note
        FROM documents d
        WHERE d.author ILIKE '%@%' AND d.kind = ANY (ARRAY[1, 2]) AND d.body ? 'type'
          AND d.body @> '{"ok": true}'::jsonb AND d.expires_at > now() - interval '7 days'
          AND d.id <> ALL ('{4}'::bigint[]) AND (d.meta -> 'v')::text IS NOT NULL;
CREATE VIEW titles AS
SELECT title::text, year FROM recent_documents WHERE title !~ '^x';
COMMIT;

