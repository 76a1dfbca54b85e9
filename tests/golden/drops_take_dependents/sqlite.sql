.bail on

-- Running upgrade <base> -> 001, items with indexes and multi-column constraints, and an audit log
-- tests/golden/drops_take_dependents/001_shop.mig
BEGIN;
CREATE TABLE makers (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT makers_pkey PRIMARY KEY (id)
);
CREATE TABLE items (
    id INTEGER NOT NULL,
    maker_id INTEGER,
    sku TEXT NOT NULL,
    color TEXT,
    size TEXT,
    qty INTEGER NOT NULL DEFAULT 1,
    note TEXT,
    CONSTRAINT items_pkey PRIMARY KEY (id),
    CONSTRAINT items_maker_id_fkey FOREIGN KEY (maker_id) REFERENCES makers (id),
    CONSTRAINT uq_items_sku_color UNIQUE (sku, color),
    CONSTRAINT ck_items_qty_size CHECK (qty > 0 OR size IS NOT NULL)
);
CREATE INDEX ix_items_sku_size ON items (sku, size);
CREATE INDEX ix_items_note ON items (note);
CREATE INDEX ix_items_colored ON items (qty) WHERE color IS NOT NULL;
CREATE TABLE audit_log (
    id INTEGER NOT NULL,
    item_id INTEGER,
    at TIMESTAMP NOT NULL,
    what TEXT,
    CONSTRAINT audit_log_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_item_at ON audit_log (item_id, at);
CREATE TABLE tags (
    item_id INTEGER NOT NULL,
    tag TEXT NOT NULL DEFAULT '',
    CONSTRAINT tags_pkey PRIMARY KEY (item_id, tag)
);
INSERT INTO makers (id, name) VALUES (1, 'Acme');
INSERT INTO items (id, maker_id, sku, color, size, qty, note) VALUES
    (1, 1, 'A-1', 'red', 'L', 2, 'first'),
    (2, NULL, 'B-2', NULL, NULL, 5, NULL);
INSERT INTO tags (item_id, tag) VALUES (1, 'new');
COMMIT;

-- Running upgrade 001 -> 002, drop columns with the indexes and constraints that use them
-- tests/golden/drops_take_dependents/002_drop_columns.mig
BEGIN;
DROP INDEX ix_items_note;
ALTER TABLE items DROP COLUMN note;
DROP INDEX ix_items_sku_size;
CREATE TABLE _migc_new_items (
    id INTEGER NOT NULL,
    sku TEXT NOT NULL,
    color TEXT,
    qty INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT items_pkey PRIMARY KEY (id),
    CONSTRAINT uq_items_sku_color UNIQUE (sku, color)
);
INSERT INTO _migc_new_items (id, sku, color, qty)
SELECT id, sku, color, qty
FROM items;
DROP TABLE items;
ALTER TABLE _migc_new_items RENAME TO items;
CREATE INDEX ix_items_colored ON items (qty) WHERE color IS NOT NULL;
DROP INDEX ix_items_colored;
CREATE TABLE _migc_new_items (
    id INTEGER NOT NULL,
    sku TEXT NOT NULL,
    qty INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT items_pkey PRIMARY KEY (id)
);
INSERT INTO _migc_new_items (id, sku, qty)
SELECT id, sku, qty
FROM items;
DROP TABLE items;
ALTER TABLE _migc_new_items RENAME TO items;
CREATE TABLE _migc_new_tags (
    item_id INTEGER NOT NULL
);
INSERT INTO _migc_new_tags (item_id)
SELECT item_id
FROM tags;
DROP TABLE tags;
ALTER TABLE _migc_new_tags RENAME TO tags;
COMMIT;

-- Running upgrade 002 -> 003, drop a table with its indexes, then reuse the freed names
-- tests/golden/drops_take_dependents/003_drop_table.mig
BEGIN;
DROP INDEX ix_audit_log_at;
DROP INDEX ix_audit_log_item_at;
DROP TABLE audit_log;
CREATE INDEX ix_audit_log_at ON items (qty);
CREATE INDEX uq_items_sku_color ON items (sku);
CREATE INDEX ix_items_note ON items (sku, qty);
COMMIT;

