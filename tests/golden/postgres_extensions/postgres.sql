\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, extensions
-- tests/golden/postgres_extensions/001_extensions.mig
BEGIN;
CREATE EXTENSION citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE TABLE users (
    id INTEGER NOT NULL,
    email citext NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_users_email ON users USING gin (email gin_trgm_ops);
COMMIT;

-- Running upgrade 001 -> 002, swap an extension
-- tests/golden/postgres_extensions/002_swap.mig
BEGIN;
CREATE EXTENSION hstore;
DROP INDEX ix_users_email;
DROP EXTENSION pg_trgm;
COMMIT;

