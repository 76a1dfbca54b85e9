\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, an enum type, a table using it, rows
-- tests/golden/enum_types/001_moods.mig
BEGIN;
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE person (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    current_mood mood NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id)
);
INSERT INTO person (id, name, current_mood, label) VALUES
    (1, 'ann', 'sad', 'happy'),
    (2, 'bob', 'happy', NULL);
COMMIT;

-- Running upgrade 001 -> 002, values added at the end, before and after another
-- tests/golden/enum_types/002_add_values.mig
BEGIN;
ALTER TYPE mood ADD VALUE 'ok' BEFORE 'sad';
ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy';
ALTER TYPE mood ADD VALUE 'angry';
COMMIT;

-- Running upgrade 002 -> 003, a value, the type and a table using it renamed
-- tests/golden/enum_types/003_renames.mig
BEGIN;
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
ALTER TYPE mood RENAME TO feeling;
ALTER TABLE person RENAME TO people;
COMMIT;

-- Running upgrade 003 -> 004, a second type: a column added with it, a column changed to it
-- tests/golden/enum_types/004_columns.mig
BEGIN;
CREATE TYPE "Level" AS ENUM ('low', 'high');
ALTER TABLE people
    ADD COLUMN level "Level",
    ALTER COLUMN label TYPE feeling USING label::text::feeling;
ALTER TABLE people RENAME COLUMN current_mood TO mood;
COMMIT;

-- Running upgrade 004 -> 005, a type dropped once no column uses it
-- tests/golden/enum_types/005_drop.mig
BEGIN;
ALTER TABLE people DROP COLUMN level;
DROP TYPE "Level";
COMMIT;

-- Running upgrade 005 -> 006, a view, a check and a partial index over an enum column
-- tests/golden/enum_types/006_view.mig
BEGIN;
CREATE VIEW blue_people AS
select id, name from people where mood = 'blue';
ALTER TABLE people ADD CONSTRAINT people_ok_labelled CHECK (mood <> 'ok' OR label IS NOT NULL);
CREATE INDEX ix_people_blue ON people (id) WHERE mood = 'blue';
COMMIT;

-- Running upgrade 006 -> 007, a value added under a view of the type, the view dropped around it
-- tests/golden/enum_types/007_value_under_view.mig
BEGIN;
DROP VIEW blue_people;
ALTER TYPE feeling ADD VALUE 'meh';
CREATE VIEW blue_people AS
select id, name from people where mood = 'blue';
COMMIT;

