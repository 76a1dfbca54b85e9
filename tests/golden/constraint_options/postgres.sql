\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, deferrable keys, generated columns and index options
-- tests/golden/constraint_options/001_init.mig
BEGIN;
CREATE TABLE authors (
    id INTEGER NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    full_name TEXT GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
    CONSTRAINT authors_pkey PRIMARY KEY (id)
);
CREATE TABLE books (
    id INTEGER NOT NULL,
    author_id INTEGER,
    editor_id INTEGER,
    title TEXT NOT NULL,
    price NUMERIC(10,2),
    price_cents INTEGER NOT NULL GENERATED ALWAYS AS (price * 100) STORED,
    CONSTRAINT books_pkey PRIMARY KEY (id),
    CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT books_editor_fkey FOREIGN KEY (editor_id) REFERENCES authors (id) DEFERRABLE
);
CREATE INDEX books_price_ix ON books (price DESC NULLS LAST, title NULLS FIRST);
COMMIT;

-- Running upgrade 001 -> 002, constraints added without checking the rows
-- tests/golden/constraint_options/002_not_valid.mig
BEGIN;
INSERT INTO authors (id, first_name, last_name) VALUES (1, 'Ada', 'Lovelace');
ALTER TABLE books ADD CONSTRAINT books_title_check CHECK (title <> '') NOT VALID;
ALTER TABLE books
    ADD COLUMN reviewer_id INTEGER,
    ADD CONSTRAINT books_reviewer_fkey FOREIGN KEY (reviewer_id) REFERENCES authors (id) NOT VALID;
COMMIT;

-- Running upgrade 002 -> 003, validate them
-- tests/golden/constraint_options/003_validate.mig
BEGIN;
ALTER TABLE books VALIDATE CONSTRAINT books_title_check;
ALTER TABLE books VALIDATE CONSTRAINT books_reviewer_fkey;
COMMIT;

-- Running upgrade 003 -> 004, a generated column added to a table with rows
-- tests/golden/constraint_options/004_generated_added.mig
BEGIN;
ALTER TABLE authors ADD COLUMN initials TEXT GENERATED ALWAYS AS (substr(first_name, 1, 1) || substr(last_name, 1, 1)) STORED;
ALTER TABLE books DROP COLUMN price_cents;
COMMIT;

