\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, the more types on both dialects
-- tests/golden/more_types/001_events.mig
BEGIN;
CREATE TABLE events (
    id SERIAL NOT NULL,
    starts TIMETZ(3),
    ends TIME,
    logged TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    seen TIMESTAMPTZ(0),
    at_utc TIMESTAMPTZ,
    score DOUBLE PRECISION,
    title VARCHAR(20) NOT NULL,
    code CHAR(3),
    flag CHAR,
    created TIMESTAMP,
    payload JSON,
    CONSTRAINT events_pkey PRIMARY KEY (id)
);
COMMIT;

-- Running upgrade 001 -> 002, precision changes and renames
-- tests/golden/more_types/002_changes.mig
BEGIN;
ALTER TABLE events
    ALTER COLUMN logged DROP DEFAULT,
    ALTER COLUMN logged TYPE TIMESTAMP(3),
    ALTER COLUMN logged SET DEFAULT CURRENT_TIMESTAMP,
    ALTER COLUMN seen TYPE TIMESTAMPTZ,
    ADD COLUMN updated TIMESTAMP;
ALTER TABLE events RENAME TO happenings;
ALTER SEQUENCE events_id_seq RENAME TO happenings_id_seq;
CREATE TABLE tags (
    tag_id BIGSERIAL NOT NULL,
    name VARCHAR(40) NOT NULL,
    CONSTRAINT tags_pkey PRIMARY KEY (tag_id)
);
ALTER TABLE tags RENAME COLUMN tag_id TO id;
ALTER SEQUENCE tags_tag_id_seq RENAME TO tags_id_seq;
COMMIT;

