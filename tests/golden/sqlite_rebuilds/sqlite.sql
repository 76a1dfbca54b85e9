.bail on

-- Running upgrade <base> -> 001, authors and books, with rows, an index and a view
-- tests/golden/sqlite_rebuilds/001_library.mig
BEGIN;
CREATE TABLE authors (
    id INTEGER NOT NULL CONSTRAINT authors_pkey PRIMARY KEY,
    name TEXT NOT NULL,
    country VARCHAR(2)
);
CREATE TABLE books (
    id INTEGER NOT NULL CONSTRAINT books_pkey PRIMARY KEY,
    author_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    pages INTEGER,
    CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id)
);
CREATE INDEX ix_authors_name ON authors (name);
CREATE VIEW author_books AS
select a.name, b.title from authors a join books b on b.author_id = a.id;
INSERT INTO authors (id, name, country) VALUES
    (1, 'Ada', 'uk'),
    (2, 'Linus', 'fi');
INSERT INTO books (id, author_id, title, pages) VALUES
    (1, 1, 'Notes on the Analytical Engine', 66),
    (2, 2, 'Just for Fun', NULL);
COMMIT;

-- Running upgrade 001 -> 002, several actions that each need a rebuild: one rebuild
-- tests/golden/sqlite_rebuilds/002_rebuild_authors.mig
BEGIN;
DROP VIEW author_books;
CREATE TABLE _migc_new_authors (
    id INTEGER NOT NULL CONSTRAINT authors_pkey PRIMARY KEY,
    name TEXT NOT NULL,
    country CHAR(2) DEFAULT 'xx',
    born DATE,
    CONSTRAINT authors_name_key UNIQUE (name)
);
INSERT INTO _migc_new_authors (id, name, country)
SELECT id, name, CAST(country AS CHAR(2))
FROM authors;
DROP TABLE authors;
ALTER TABLE _migc_new_authors RENAME TO authors;
CREATE INDEX ix_authors_name ON authors (name);
CREATE VIEW author_books AS
select a.name, b.title from authors a join books b on b.author_id = a.id;
CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));
INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _migc_fk_check;
COMMIT;

-- Running upgrade 002 -> 003, a column with a non-constant default
-- tests/golden/sqlite_rebuilds/003_non_constant_default.mig
BEGIN;
DROP VIEW author_books;
CREATE TABLE _migc_new_authors (
    id INTEGER NOT NULL CONSTRAINT authors_pkey PRIMARY KEY,
    name TEXT NOT NULL,
    country CHAR(2) DEFAULT 'xx',
    born DATE,
    joined TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT authors_name_key UNIQUE (name)
);
INSERT INTO _migc_new_authors (id, name, country, born)
SELECT id, name, country, born
FROM authors;
DROP TABLE authors;
ALTER TABLE _migc_new_authors RENAME TO authors;
CREATE INDEX ix_authors_name ON authors (name);
CREATE VIEW author_books AS
select a.name, b.title from authors a join books b on b.author_id = a.id;
CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));
INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _migc_fk_check;
COMMIT;

-- Running upgrade 003 -> 004, rebuild the referencing table, rename inside a rebuild
-- tests/golden/sqlite_rebuilds/004_rebuild_child.mig
BEGIN;
DROP VIEW author_books;
CREATE TABLE _migc_new_books (
    id INTEGER NOT NULL CONSTRAINT books_pkey PRIMARY KEY,
    author_id INTEGER NOT NULL,
    title TEXT,
    page_count INTEGER DEFAULT 0,
    CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id),
    CONSTRAINT books_page_count_check CHECK (page_count >= 0)
);
INSERT INTO _migc_new_books (id, author_id, title, page_count)
SELECT id, author_id, title, pages
FROM books;
DROP TABLE books;
ALTER TABLE _migc_new_books RENAME TO books;
CREATE VIEW author_books AS
select a.name, b.title from authors a join books b on b.author_id = a.id;
CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));
INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _migc_fk_check;
COMMIT;

-- Running upgrade 004 -> 005, drop a constraint and a column: one rebuild
-- tests/golden/sqlite_rebuilds/005_drop_key_column.mig
BEGIN;
DROP VIEW author_books;
CREATE TABLE _migc_new_authors (
    id INTEGER NOT NULL CONSTRAINT authors_pkey PRIMARY KEY,
    name TEXT NOT NULL,
    country CHAR(2) DEFAULT 'xx',
    joined TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO _migc_new_authors (id, name, country, joined)
SELECT id, name, country, joined
FROM authors;
DROP TABLE authors;
ALTER TABLE _migc_new_authors RENAME TO authors;
CREATE INDEX ix_authors_name ON authors (name);
CREATE VIEW author_books AS
select a.name, b.title from authors a join books b on b.author_id = a.id;
CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));
INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _migc_fk_check;
COMMIT;

