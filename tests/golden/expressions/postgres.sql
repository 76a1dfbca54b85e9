\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, orders with casts, case and extract
-- tests/golden/expressions/001_orders.mig
BEGIN;
CREATE TABLE orders (
    id BIGINT NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT (CAST('new' AS VARCHAR(20))),
    quantity INTEGER NOT NULL DEFAULT (CAST('1' AS INTEGER)),
    price NUMERIC(10,2) NOT NULL DEFAULT (CAST(0 AS NUMERIC(10,2))),
    discount NUMERIC(10,2),
    placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP(0),
    placed_on DATE DEFAULT (CAST('2026-01-01' AS DATE)),
    note TEXT DEFAULT (coalesce(nullif('', ''), 'none')),
    priority INTEGER,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_quantity_check CHECK (greatest(quantity, 0) = quantity AND least(quantity, 1000) = quantity),
    CONSTRAINT orders_check CHECK (discount IS NULL OR discount < price),
    CONSTRAINT orders_priority_check CHECK (CASE WHEN priority IS NULL THEN TRUE WHEN priority BETWEEN 1 AND 5 THEN TRUE ELSE FALSE END),
    CONSTRAINT orders_status_check CHECK (CASE status WHEN 'new' THEN 1 WHEN 'paid' THEN 2 WHEN 'sent' THEN 3 END IS NOT NULL),
    CONSTRAINT orders_year_check CHECK (EXTRACT(year FROM placed_on) >= 2000)
);
CREATE INDEX ix_orders_placed_year ON orders ((EXTRACT(year FROM placed_at)), (EXTRACT(month FROM placed_at)));
CREATE INDEX ix_orders_open ON orders (id) WHERE CASE WHEN status = 'sent' THEN FALSE ELSE TRUE END;
INSERT INTO orders (id, quantity, price, placed_at, placed_on) VALUES (1, 2, CAST('9.50' AS NUMERIC(10,2)), CAST('2026-02-03 04:05:06' AS TIMESTAMP), CAST('2026-02-03' AS DATE));
COMMIT;

-- Running upgrade 001 -> 002, alter with casts
-- tests/golden/expressions/002_alter.mig
BEGIN;
ALTER TABLE orders
    ADD COLUMN code TEXT DEFAULT (CAST(2 + 3 AS TEXT)),
    ADD COLUMN rank INTEGER DEFAULT (greatest(1, 2)),
    ALTER COLUMN status DROP DEFAULT,
    ALTER COLUMN status TYPE TEXT USING (CAST(status AS TEXT)),
    ALTER COLUMN status SET DEFAULT (CAST('new' AS VARCHAR(20))),
    ALTER COLUMN quantity SET DEFAULT (CASE WHEN 1 > 0 THEN 1 ELSE 2 END),
    ADD CONSTRAINT orders_day_check CHECK (EXTRACT(day FROM placed_on) BETWEEN 1 AND 31);
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
ALTER TABLE orders
    ADD COLUMN label TEXT DEFAULT ('n' COLLATE "C"),
    ADD CONSTRAINT orders_label_check CHECK (label COLLATE "C" >= 'a' AND label IS DISTINCT FROM status),
    ADD CONSTRAINT orders_price_check CHECK (discount IS NOT DISTINCT FROM NULL OR note || ('x' COLLATE "C") <> '');
CREATE INDEX ix_orders_label ON orders ((label COLLATE "POSIX"));
COMMIT;

