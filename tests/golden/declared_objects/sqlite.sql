.bail on

-- Running upgrade <base> -> 001, sql blocks that say what they create, on both dialects
-- tests/golden/declared_objects/001_audit.mig
BEGIN;
CREATE TABLE post (
    id INTEGER NOT NULL,
    title TEXT NOT NULL,
    CONSTRAINT post_pkey PRIMARY KEY (id)
);
create table audit (id integer primary key, post_id integer, at text);
        create trigger post_audit after update on post
        begin insert into audit (post_id, at) values (new.id, datetime('now')); end;
CREATE INDEX audit_post ON audit (post_id);
create view recent_audit as select post_id from audit;
COMMIT;

-- Running upgrade 001 -> 002, a declared object dropped natively, and a table taking its trigger
-- tests/golden/declared_objects/002_drop_post.mig
BEGIN;
DROP VIEW recent_audit;
DROP TABLE post;
COMMIT;

-- Running upgrade 002 -> 003, a declared trigger follows its table when renamed
-- tests/golden/declared_objects/003_notes.mig
BEGIN;
CREATE TABLE note (
    id INTEGER NOT NULL,
    body TEXT,
    CONSTRAINT note_pkey PRIMARY KEY (id)
);
create trigger note_touch after update on note begin select 1; end;
COMMIT;

-- Running upgrade 003 -> 004, the derived downgrade renames it back, trigger and all
-- tests/golden/declared_objects/004_rename.mig
BEGIN;
ALTER TABLE note RENAME TO notes;
COMMIT;

-- Running upgrade 004 -> 005, the trigger is now on notes
-- tests/golden/declared_objects/005_drop_trigger.mig
BEGIN;
drop trigger note_touch;
COMMIT;

