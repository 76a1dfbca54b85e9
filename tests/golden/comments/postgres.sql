\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, notes with comments
-- tests/golden/comments/001_notes.mig
BEGIN;
CREATE TABLE notes (
    id INTEGER NOT NULL,
    body TEXT NOT NULL,
    CONSTRAINT notes_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE notes IS 'Things to remember';
COMMENT ON COLUMN notes.body IS 'The text, as typed (it''s never empty)';
COMMIT;

-- Running upgrade 001 -> 002, renames keep comments
-- tests/golden/comments/002_rename.mig
BEGIN;
ALTER TABLE notes RENAME COLUMN body TO text;
ALTER TABLE notes RENAME TO memos;
COMMENT ON COLUMN memos.text IS 'The text (kept in C:\notes)';
COMMENT ON COLUMN memos.id IS 'The key';
COMMENT ON TABLE memos IS NULL;
COMMIT;

