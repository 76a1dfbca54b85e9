\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, items, with a view written for each dialect
-- tests/golden/one_dialect_views/001_items.mig
BEGIN;
CREATE TABLE items (
    id INTEGER NOT NULL,
    name VARCHAR(40) NOT NULL,
    price NUMERIC(10,2),
    CONSTRAINT items_pkey PRIMARY KEY (id)
);
CREATE VIEW cheap AS
select id, name from items where price < 10;
CREATE VIEW labels AS
select id, name || ' (' || price::text || ')' as label from items;
CREATE VIEW pg_names AS
select id from items where name ilike 'a%';
COMMIT;

-- Running upgrade 001 -> 002, rebuild items on SQLite; drop one version, then the views
-- tests/golden/one_dialect_views/002_rebuild.mig
BEGIN;
ALTER TABLE items ALTER COLUMN price SET NOT NULL;
DROP VIEW pg_names;
DROP VIEW labels;
COMMIT;

