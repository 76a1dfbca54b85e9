.bail on

-- Running upgrade <base> -> 001, a table, filled by raw SQL
-- tests/golden/raw_sql_per_dialect/001_notes.mig
BEGIN;
CREATE TABLE notes (
    id INTEGER NOT NULL,
    body TEXT NOT NULL,
    tag VARCHAR(20),
    CONSTRAINT notes_pkey PRIMARY KEY (id)
);
insert into notes (id, body) values (1, 'first'), (2, 'second');
        update notes set tag = 'seed';
update notes set body = body || ' (sqlite)';
COMMIT;

-- Running upgrade 001 -> 002, raw SQL holding dollar signs
-- tests/golden/raw_sql_per_dialect/002_dollar_tags.mig
BEGIN;
update notes set tag = 'cost: $5' where id = 1;
COMMIT;

