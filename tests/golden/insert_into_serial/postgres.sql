\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, rows into a table whose key is serial
-- tests/golden/insert_into_serial/001_counters.mig
BEGIN;
CREATE TABLE counters (
    id SERIAL NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT counters_pkey PRIMARY KEY (id)
);
INSERT INTO counters (name) VALUES
    ('visits'),
    ('signups');
COMMIT;

