\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, distinct, at time zone, collate, similar to and subscripts
-- tests/golden/postgres_expressions/001_events.mig
BEGIN;
CREATE TABLE events (
    id BIGINT NOT NULL,
    a INTEGER,
    b INTEGER,
    code TEXT,
    tags TEXT[] NOT NULL DEFAULT '{}',
    happened TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    local_at TIMESTAMP DEFAULT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC'),
    name TEXT DEFAULT ('x' COLLATE "C"),
    CONSTRAINT events_pkey PRIMARY KEY (id),
    CONSTRAINT events_a_check CHECK (a IS DISTINCT FROM b OR a IS NULL),
    CONSTRAINT events_b_check CHECK (a IS NOT DISTINCT FROM b OR b > 0),
    CONSTRAINT events_name_check CHECK (name SIMILAR TO '[a-z]%' AND name NOT SIMILAR TO '%z'),
    CONSTRAINT events_tags_check CHECK (tags[1] IS NULL OR tags[1] <> ''),
    CONSTRAINT events_code_check CHECK (code COLLATE "C" > 'a' AND -a + 1 IS NOT DISTINCT FROM 0)
);
CREATE INDEX ix_events_tags ON events ((tags[1:2]), (tags[:1]), (code COLLATE "POSIX"));
CREATE INDEX ix_events_local ON events ((happened AT TIME ZONE 'Europe/Paris')) WHERE code NOT SIMILAR TO 'x%';
INSERT INTO events (id, a, b, code, tags) VALUES (1, 1, 2, 'b', ARRAY['t', 'u']);
COMMIT;

-- Running upgrade 001 -> 002, alter and views with the new forms
-- tests/golden/postgres_expressions/002_alter.mig
BEGIN;
ALTER TABLE events
    ADD COLUMN first_tag TEXT DEFAULT ((CAST('{a,b}' AS TEXT[]))[1]),
    ALTER COLUMN code SET DEFAULT ('c' COLLATE "C"),
    ADD CONSTRAINT events_local_check CHECK (local_at IS DISTINCT FROM happened AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Tokyo');
CREATE VIEW event_tags AS
SELECT id, tags[1] AS first, tags[1:2] AS pair, happened AT TIME ZONE 'UTC' AS at_utc,
               code COLLATE "C" AS code
        FROM events
        WHERE a IS DISTINCT FROM b AND code SIMILAR TO '[a-z]%' AND a IS NOT DISTINCT FROM 1;
COMMIT;

