.bail on

-- Running upgrade <base> -> 001, rows into a table whose key is serial
-- tests/golden/insert_into_serial/001_counters.mig
BEGIN;
CREATE TABLE counters (
    id INTEGER NOT NULL CONSTRAINT counters_pkey PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO counters (name) VALUES
    ('visits'),
    ('signups');
COMMIT;

