.bail on

-- Running upgrade <base> -> 001, orders with casts, case and extract
-- tests/golden/expressions/001_orders.mig
BEGIN;
CREATE TABLE orders (
    id INTEGER NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT (CAST('new' AS VARCHAR(20))),
    quantity INTEGER NOT NULL DEFAULT (CAST('1' AS INTEGER)),
    price NUMERIC(10,2) NOT NULL DEFAULT (CAST(0 AS NUMERIC(10,2))),
    discount NUMERIC(10,2),
    placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    placed_on DATE DEFAULT (date('2026-01-01')),
    note TEXT DEFAULT (coalesce(nullif('', ''), 'none')),
    priority INTEGER,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_quantity_check CHECK (max(quantity, 0) = quantity AND min(quantity, 1000) = quantity),
    CONSTRAINT orders_check CHECK (discount IS NULL OR discount < price),
    CONSTRAINT orders_priority_check CHECK (CASE WHEN priority IS NULL THEN 1 WHEN priority BETWEEN 1 AND 5 THEN 1 ELSE 0 END),
    CONSTRAINT orders_status_check CHECK (CASE status WHEN 'new' THEN 1 WHEN 'paid' THEN 2 WHEN 'sent' THEN 3 END IS NOT NULL),
    CONSTRAINT orders_year_check CHECK (CAST(strftime('%Y', placed_on) AS INTEGER) >= 2000)
);
CREATE INDEX ix_orders_placed_year ON orders ((CAST(strftime('%Y', placed_at) AS INTEGER)), (CAST(strftime('%m', placed_at) AS INTEGER)));
CREATE INDEX ix_orders_open ON orders (id) WHERE CASE WHEN status = 'sent' THEN 0 ELSE 1 END;
INSERT INTO orders (id, quantity, price, placed_at, placed_on) VALUES (1, 2, CAST('9.50' AS NUMERIC(10,2)), datetime('2026-02-03 04:05:06'), date('2026-02-03'));
COMMIT;

-- Running upgrade 001 -> 002, alter with casts
-- tests/golden/expressions/002_alter.mig
BEGIN;
CREATE TABLE _migc_new_orders (
    id INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT (CAST('new' AS VARCHAR(20))),
    quantity INTEGER NOT NULL DEFAULT (CASE WHEN 1 > 0 THEN 1 ELSE 2 END),
    price NUMERIC(10,2) NOT NULL DEFAULT (CAST(0 AS NUMERIC(10,2))),
    discount NUMERIC(10,2),
    placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    placed_on DATE DEFAULT (date('2026-01-01')),
    note TEXT DEFAULT (coalesce(nullif('', ''), 'none')),
    priority INTEGER,
    code TEXT DEFAULT (CAST(2 + 3 AS TEXT)),
    rank INTEGER DEFAULT (max(1, 2)),
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_quantity_check CHECK (max(quantity, 0) = quantity AND min(quantity, 1000) = quantity),
    CONSTRAINT orders_check CHECK (discount IS NULL OR discount < price),
    CONSTRAINT orders_priority_check CHECK (CASE WHEN priority IS NULL THEN 1 WHEN priority BETWEEN 1 AND 5 THEN 1 ELSE 0 END),
    CONSTRAINT orders_status_check CHECK (CASE status WHEN 'new' THEN 1 WHEN 'paid' THEN 2 WHEN 'sent' THEN 3 END IS NOT NULL),
    CONSTRAINT orders_year_check CHECK (CAST(strftime('%Y', placed_on) AS INTEGER) >= 2000),
    CONSTRAINT orders_day_check CHECK (CAST(strftime('%d', placed_on) AS INTEGER) BETWEEN 1 AND 31)
);
INSERT INTO _migc_new_orders (id, status, quantity, price, discount, placed_at, placed_on, note, priority)
SELECT id, CAST(status AS TEXT), quantity, price, discount, placed_at, placed_on, note, priority
FROM orders;
DROP TABLE orders;
ALTER TABLE _migc_new_orders RENAME TO orders;
CREATE INDEX ix_orders_open ON orders (id) WHERE CASE WHEN status = 'sent' THEN 0 ELSE 1 END;
CREATE INDEX ix_orders_placed_year ON orders ((CAST(strftime('%Y', placed_at) AS INTEGER)), (CAST(strftime('%m', placed_at) AS INTEGER)));
CREATE INDEX ix_orders_code ON orders ((CAST(code AS INTEGER)));
COMMIT;

-- Running upgrade 002 -> 003, drop a column with a cast default
-- tests/golden/expressions/003_drop.mig
BEGIN;
DROP INDEX ix_orders_code;
ALTER TABLE orders DROP COLUMN code;
COMMIT;

-- Running upgrade 003 -> 004, is distinct from and collate
-- tests/golden/expressions/004_distinct_collate.mig
BEGIN;
CREATE TABLE _migc_new_orders (
    id INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT (CAST('new' AS VARCHAR(20))),
    quantity INTEGER NOT NULL DEFAULT (CASE WHEN 1 > 0 THEN 1 ELSE 2 END),
    price NUMERIC(10,2) NOT NULL DEFAULT (CAST(0 AS NUMERIC(10,2))),
    discount NUMERIC(10,2),
    placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    placed_on DATE DEFAULT (date('2026-01-01')),
    note TEXT DEFAULT (coalesce(nullif('', ''), 'none')),
    priority INTEGER,
    rank INTEGER DEFAULT (max(1, 2)),
    label TEXT DEFAULT ('n' COLLATE BINARY),
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_quantity_check CHECK (max(quantity, 0) = quantity AND min(quantity, 1000) = quantity),
    CONSTRAINT orders_check CHECK (discount IS NULL OR discount < price),
    CONSTRAINT orders_priority_check CHECK (CASE WHEN priority IS NULL THEN 1 WHEN priority BETWEEN 1 AND 5 THEN 1 ELSE 0 END),
    CONSTRAINT orders_status_check CHECK (CASE status WHEN 'new' THEN 1 WHEN 'paid' THEN 2 WHEN 'sent' THEN 3 END IS NOT NULL),
    CONSTRAINT orders_year_check CHECK (CAST(strftime('%Y', placed_on) AS INTEGER) >= 2000),
    CONSTRAINT orders_day_check CHECK (CAST(strftime('%d', placed_on) AS INTEGER) BETWEEN 1 AND 31),
    CONSTRAINT orders_label_check CHECK (label COLLATE BINARY >= 'a' AND label IS NOT status),
    CONSTRAINT orders_price_check CHECK (discount IS NULL OR note || ('x' COLLATE BINARY) <> '')
);
INSERT INTO _migc_new_orders (id, status, quantity, price, discount, placed_at, placed_on, note, priority, rank)
SELECT id, status, quantity, price, discount, placed_at, placed_on, note, priority, rank
FROM orders;
DROP TABLE orders;
ALTER TABLE _migc_new_orders RENAME TO orders;
CREATE INDEX ix_orders_open ON orders (id) WHERE CASE WHEN status = 'sent' THEN 0 ELSE 1 END;
CREATE INDEX ix_orders_placed_year ON orders ((CAST(strftime('%Y', placed_at) AS INTEGER)), (CAST(strftime('%m', placed_at) AS INTEGER)));
CREATE INDEX ix_orders_label ON orders ((label COLLATE BINARY));
COMMIT;

