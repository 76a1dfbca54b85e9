.bail on

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
select id, name || ' (' || cast(price as text) || ')' as label from items;
CREATE VIEW lite_names AS
select id from cheap where name glob 'a*';
COMMIT;

-- Running upgrade 001 -> 002, rebuild items on SQLite; drop one version, then the views
-- tests/golden/one_dialect_views/002_rebuild.mig
BEGIN;
DROP VIEW lite_names;
DROP VIEW labels;
DROP VIEW cheap;
CREATE TABLE _migc_new_items (
    id INTEGER NOT NULL,
    name VARCHAR(40) NOT NULL,
    price NUMERIC(10,2) NOT NULL,
    CONSTRAINT items_pkey PRIMARY KEY (id)
);
INSERT INTO _migc_new_items (id, name, price)
SELECT id, name, price
FROM items;
DROP TABLE items;
ALTER TABLE _migc_new_items RENAME TO items;
CREATE VIEW cheap AS
select id, name from items where price < 10;
CREATE VIEW labels AS
select id, name || ' (' || cast(price as text) || ')' as label from items;
CREATE VIEW lite_names AS
select id from cheap where name glob 'a*';
DROP VIEW labels;
DROP VIEW lite_names;
COMMIT;

