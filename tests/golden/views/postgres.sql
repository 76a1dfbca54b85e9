\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, customers and orders
-- tests/golden/views/001_tables.mig
BEGIN;
CREATE TABLE customers (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);
CREATE TABLE orders (
    id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    total NUMERIC(10,2) NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
);
COMMIT;

-- Running upgrade 001 -> 002, views, one reading another
-- tests/golden/views/002_views.mig
BEGIN;
CREATE VIEW active_customers AS
select id, name from customers where active;
CREATE VIEW customer_totals AS
select c.id, c.name, sum(o.total) as total
        from active_customers c join orders o on o.customer_id = c.id
        group by c.id, c.name;
COMMIT;

-- Running upgrade 002 -> 003, replace a view, alter a table under one
-- tests/golden/views/003_replace_view.mig
BEGIN;
DROP VIEW customer_totals;
CREATE VIEW customer_totals AS
select c.id, c.name, count(*) as orders, sum(o.total) as total
        from active_customers c join orders o on o.customer_id = c.id
        group by c.id, c.name;
ALTER TABLE customers
    ADD COLUMN email TEXT,
    ADD CONSTRAINT customers_email_key UNIQUE (email);
COMMIT;

