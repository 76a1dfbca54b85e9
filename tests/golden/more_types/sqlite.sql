.bail on

-- Running upgrade <base> -> 001, the more types on both dialects
-- tests/golden/more_types/001_events.mig
BEGIN;
CREATE TABLE events (
    id INTEGER NOT NULL CONSTRAINT events_pkey PRIMARY KEY,
    starts TIME(3),
    ends TIME,
    logged TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    seen TIMESTAMP(0),
    at_utc TIMESTAMP,
    score REAL,
    title VARCHAR(20) NOT NULL,
    code CHAR(3),
    flag CHAR,
    created DATETIME,
    payload JSON
);
COMMIT;

-- Running upgrade 001 -> 002, precision changes and renames
-- tests/golden/more_types/002_changes.mig
BEGIN;
CREATE TABLE _migc_new_events (
    id INTEGER NOT NULL CONSTRAINT events_pkey PRIMARY KEY,
    starts TIME(3),
    ends TIME,
    logged TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    seen TIMESTAMP,
    at_utc TIMESTAMP,
    score REAL,
    title VARCHAR(20) NOT NULL,
    code CHAR(3),
    flag CHAR,
    created DATETIME,
    payload JSON,
    updated DATETIME
);
INSERT INTO _migc_new_events (id, starts, ends, logged, seen, at_utc, score, title, code, flag, created, payload)
SELECT id, starts, ends, CAST(logged AS TIMESTAMP(3)), CAST(seen AS TIMESTAMP), at_utc, score, title, code, flag, created, payload
FROM events;
DROP TABLE events;
ALTER TABLE _migc_new_events RENAME TO events;
ALTER TABLE events RENAME TO happenings;
CREATE TABLE tags (
    tag_id INTEGER NOT NULL CONSTRAINT tags_pkey PRIMARY KEY,
    name VARCHAR(40) NOT NULL
);
ALTER TABLE tags RENAME COLUMN tag_id TO id;
COMMIT;

