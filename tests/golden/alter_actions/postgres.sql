\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, accounts
-- tests/golden/alter_actions/001_accounts.mig
BEGIN;
CREATE TABLE accounts (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    balance NUMERIC(10,2) DEFAULT 0,
    note TEXT,
    legacy TEXT,
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);
COMMIT;

-- Running upgrade 001 -> 002, add columns: nullable, and not null with a constant default
-- tests/golden/alter_actions/002_add_columns.mig
BEGIN;
ALTER TABLE accounts
    ADD COLUMN email VARCHAR(100),
    ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'active';
COMMIT;

-- Running upgrade 002 -> 003, rename a column
-- tests/golden/alter_actions/003_rename_column.mig
BEGIN;
ALTER TABLE accounts RENAME COLUMN note TO remark;
COMMIT;

-- Running upgrade 003 -> 004, drop a column nothing uses
-- tests/golden/alter_actions/004_drop_column.mig
BEGIN;
ALTER TABLE accounts DROP COLUMN legacy;
COMMIT;

-- Running upgrade 004 -> 005, widen a type, require a value
-- tests/golden/alter_actions/005_types_and_nullability.mig
BEGIN;
ALTER TABLE accounts
    ALTER COLUMN name TYPE VARCHAR(100),
    ALTER COLUMN balance SET NOT NULL;
COMMIT;

-- Running upgrade 005 -> 006, change defaults
-- tests/golden/alter_actions/006_defaults.mig
BEGIN;
ALTER TABLE accounts
    ALTER COLUMN status SET DEFAULT 'new',
    ALTER COLUMN balance DROP DEFAULT,
    ALTER COLUMN name DROP NOT NULL;
COMMIT;

-- Running upgrade 006 -> 007, add constraints
-- tests/golden/alter_actions/007_constraints.mig
BEGIN;
ALTER TABLE accounts
    ADD CONSTRAINT accounts_email_key UNIQUE (email),
    ADD CONSTRAINT accounts_balance_check CHECK (balance >= 0);
COMMIT;

-- Running upgrade 007 -> 008, drop a constraint
-- tests/golden/alter_actions/008_drop_constraint.mig
BEGIN;
ALTER TABLE accounts DROP CONSTRAINT accounts_email_key;
COMMIT;

-- Running upgrade 008 -> 009, store cents
-- tests/golden/alter_actions/009_type_using.mig
BEGIN;
ALTER TABLE accounts ALTER COLUMN balance TYPE NUMERIC(12,2) USING (balance * 100);
COMMIT;

