.bail on

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
CREATE INDEX books_price_ix ON books (price DESC, title);
COMMIT;

-- Running upgrade 001 -> 002, constraints added without checking the rows
-- tests/golden/constraint_options/002_not_valid.mig
BEGIN;
INSERT INTO authors (id, first_name, last_name) VALUES (1, 'Ada', 'Lovelace');
CREATE TABLE _migc_new_books (
    id INTEGER NOT NULL,
    author_id INTEGER,
    editor_id INTEGER,
    title TEXT NOT NULL,
    price NUMERIC(10,2),
    price_cents INTEGER NOT NULL GENERATED ALWAYS AS (price * 100) STORED,
    CONSTRAINT books_pkey PRIMARY KEY (id),
    CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT books_editor_fkey FOREIGN KEY (editor_id) REFERENCES authors (id) DEFERRABLE,
    CONSTRAINT books_title_check CHECK (title <> '')
);
INSERT INTO _migc_new_books (id, author_id, editor_id, title, price)
SELECT id, author_id, editor_id, title, price
FROM books;
DROP TABLE books;
ALTER TABLE _migc_new_books RENAME TO books;
CREATE INDEX books_price_ix ON books (price DESC, title);
CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));
INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _migc_fk_check;
CREATE TABLE _migc_new_books (
    id INTEGER NOT NULL,
    author_id INTEGER,
    editor_id INTEGER,
    title TEXT NOT NULL,
    price NUMERIC(10,2),
    price_cents INTEGER NOT NULL GENERATED ALWAYS AS (price * 100) STORED,
    reviewer_id INTEGER,
    CONSTRAINT books_pkey PRIMARY KEY (id),
    CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT books_editor_fkey FOREIGN KEY (editor_id) REFERENCES authors (id) DEFERRABLE,
    CONSTRAINT books_title_check CHECK (title <> ''),
    CONSTRAINT books_reviewer_fkey FOREIGN KEY (reviewer_id) REFERENCES authors (id)
);
INSERT INTO _migc_new_books (id, author_id, editor_id, title, price)
SELECT id, author_id, editor_id, title, price
FROM books;
DROP TABLE books;
ALTER TABLE _migc_new_books RENAME TO books;
CREATE INDEX books_price_ix ON books (price DESC, title);
CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));
INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _migc_fk_check;
COMMIT;

-- Running upgrade 002 -> 003, validate them
-- tests/golden/constraint_options/003_validate.mig
BEGIN;
COMMIT;

-- Running upgrade 003 -> 004, a generated column added to a table with rows
-- tests/golden/constraint_options/004_generated_added.mig
BEGIN;
CREATE TABLE _migc_new_authors (
    id INTEGER NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    full_name TEXT GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
    initials TEXT GENERATED ALWAYS AS (substr(first_name, 1, 1) || substr(last_name, 1, 1)) STORED,
    CONSTRAINT authors_pkey PRIMARY KEY (id)
);
INSERT INTO _migc_new_authors (id, first_name, last_name)
SELECT id, first_name, last_name
FROM authors;
DROP TABLE authors;
ALTER TABLE _migc_new_authors RENAME TO authors;
CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));
INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _migc_fk_check;
ALTER TABLE books DROP COLUMN price_cents;
COMMIT;

