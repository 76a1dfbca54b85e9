.bail on

-- Running upgrade <base> -> 001, notes with comments
-- tests/golden/comments/001_notes.mig
BEGIN;
CREATE TABLE notes (
    id INTEGER NOT NULL,
    body TEXT NOT NULL,
    CONSTRAINT notes_pkey PRIMARY KEY (id)
);
COMMIT;

-- Running upgrade 001 -> 002, renames keep comments
-- tests/golden/comments/002_rename.mig
BEGIN;
ALTER TABLE notes RENAME COLUMN body TO text;
ALTER TABLE notes RENAME TO memos;
COMMIT;

