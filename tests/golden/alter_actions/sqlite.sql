.bail on

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
ALTER TABLE accounts ADD COLUMN email VARCHAR(100);
ALTER TABLE accounts ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'active';
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
CREATE TABLE _migc_new_accounts (
    id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    balance NUMERIC(10,2) NOT NULL DEFAULT 0,
    remark TEXT,
    email VARCHAR(100),
    status VARCHAR(10) NOT NULL DEFAULT 'active',
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);
INSERT INTO _migc_new_accounts (id, name, balance, remark, email, status)
SELECT id, CAST(name AS VARCHAR(100)), balance, remark, email, status
FROM accounts;
DROP TABLE accounts;
ALTER TABLE _migc_new_accounts RENAME TO accounts;
COMMIT;

-- Running upgrade 005 -> 006, change defaults
-- tests/golden/alter_actions/006_defaults.mig
BEGIN;
CREATE TABLE _migc_new_accounts (
    id INTEGER NOT NULL,
    name VARCHAR(100),
    balance NUMERIC(10,2) NOT NULL,
    remark TEXT,
    email VARCHAR(100),
    status VARCHAR(10) NOT NULL DEFAULT 'new',
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);
INSERT INTO _migc_new_accounts (id, name, balance, remark, email, status)
SELECT id, name, balance, remark, email, status
FROM accounts;
DROP TABLE accounts;
ALTER TABLE _migc_new_accounts RENAME TO accounts;
COMMIT;

-- Running upgrade 006 -> 007, add constraints
-- tests/golden/alter_actions/007_constraints.mig
BEGIN;
CREATE TABLE _migc_new_accounts (
    id INTEGER NOT NULL,
    name VARCHAR(100),
    balance NUMERIC(10,2) NOT NULL,
    remark TEXT,
    email VARCHAR(100),
    status VARCHAR(10) NOT NULL DEFAULT 'new',
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_email_key UNIQUE (email),
    CONSTRAINT accounts_balance_check CHECK (balance >= 0)
);
INSERT INTO _migc_new_accounts (id, name, balance, remark, email, status)
SELECT id, name, balance, remark, email, status
FROM accounts;
DROP TABLE accounts;
ALTER TABLE _migc_new_accounts RENAME TO accounts;
COMMIT;

-- Running upgrade 007 -> 008, drop a constraint
-- tests/golden/alter_actions/008_drop_constraint.mig
BEGIN;
CREATE TABLE _migc_new_accounts (
    id INTEGER NOT NULL,
    name VARCHAR(100),
    balance NUMERIC(10,2) NOT NULL,
    remark TEXT,
    email VARCHAR(100),
    status VARCHAR(10) NOT NULL DEFAULT 'new',
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_balance_check CHECK (balance >= 0)
);
INSERT INTO _migc_new_accounts (id, name, balance, remark, email, status)
SELECT id, name, balance, remark, email, status
FROM accounts;
DROP TABLE accounts;
ALTER TABLE _migc_new_accounts RENAME TO accounts;
COMMIT;

-- Running upgrade 008 -> 009, store cents
-- tests/golden/alter_actions/009_type_using.mig
BEGIN;
CREATE TABLE _migc_new_accounts (
    id INTEGER NOT NULL,
    name VARCHAR(100),
    balance NUMERIC(12,2) NOT NULL,
    remark TEXT,
    email VARCHAR(100),
    status VARCHAR(10) NOT NULL DEFAULT 'new',
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_balance_check CHECK (balance >= 0)
);
INSERT INTO _migc_new_accounts (id, name, balance, remark, email, status)
SELECT id, name, balance * 100, remark, email, status
FROM accounts;
DROP TABLE accounts;
ALTER TABLE _migc_new_accounts RENAME TO accounts;
COMMIT;

