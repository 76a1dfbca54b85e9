.bail on

-- Running upgrade <base> -> 001, an enum type, a table using it, rows
-- tests/golden/enum_types/001_moods.mig
BEGIN;
CREATE TABLE person (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    current_mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT person_current_mood_enum CHECK (current_mood IN ('happy', 'sad'))
);
INSERT INTO person (id, name, current_mood, label) VALUES
    (1, 'ann', 'sad', 'happy'),
    (2, 'bob', 'happy', NULL);
COMMIT;

-- Running upgrade 001 -> 002, values added at the end, before and after another
-- tests/golden/enum_types/002_add_values.mig
BEGIN;
CREATE TABLE _migc_new_person (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    current_mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT person_current_mood_enum CHECK (current_mood IN ('happy', 'ok', 'sad'))
);
INSERT INTO _migc_new_person (id, name, current_mood, label)
SELECT id, name, current_mood, label
FROM person;
DROP TABLE person;
ALTER TABLE _migc_new_person RENAME TO person;
CREATE TABLE _migc_new_person (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    current_mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT person_current_mood_enum CHECK (current_mood IN ('happy', 'ecstatic', 'ok', 'sad'))
);
INSERT INTO _migc_new_person (id, name, current_mood, label)
SELECT id, name, current_mood, label
FROM person;
DROP TABLE person;
ALTER TABLE _migc_new_person RENAME TO person;
CREATE TABLE _migc_new_person (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    current_mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT person_current_mood_enum CHECK (current_mood IN ('happy', 'ecstatic', 'ok', 'sad', 'angry'))
);
INSERT INTO _migc_new_person (id, name, current_mood, label)
SELECT id, name, current_mood, label
FROM person;
DROP TABLE person;
ALTER TABLE _migc_new_person RENAME TO person;
COMMIT;

-- Running upgrade 002 -> 003, a value, the type and a table using it renamed
-- tests/golden/enum_types/003_renames.mig
BEGIN;
CREATE TABLE _migc_new_person (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    current_mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT person_current_mood_enum CHECK (current_mood IN ('happy', 'ecstatic', 'ok', 'blue', 'angry'))
);
INSERT INTO _migc_new_person (id, name, current_mood, label)
SELECT id, name, iif(current_mood = 'sad', 'blue', current_mood), label
FROM person;
DROP TABLE person;
ALTER TABLE _migc_new_person RENAME TO person;
ALTER TABLE person RENAME TO people;
CREATE TABLE _migc_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    current_mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT people_current_mood_enum CHECK (current_mood IN ('happy', 'ecstatic', 'ok', 'blue', 'angry'))
);
INSERT INTO _migc_new_people (id, name, current_mood, label)
SELECT id, name, current_mood, label
FROM people;
DROP TABLE people;
ALTER TABLE _migc_new_people RENAME TO people;
COMMIT;

-- Running upgrade 003 -> 004, a second type: a column added with it, a column changed to it
-- tests/golden/enum_types/004_columns.mig
BEGIN;
CREATE TABLE _migc_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    current_mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    level TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT people_current_mood_enum CHECK (current_mood IN ('happy', 'ecstatic', 'ok', 'blue', 'angry')),
    CONSTRAINT people_label_enum CHECK (label IN ('happy', 'ecstatic', 'ok', 'blue', 'angry')),
    CONSTRAINT people_level_enum CHECK (level IN ('low', 'high'))
);
INSERT INTO _migc_new_people (id, name, current_mood, label)
SELECT id, name, current_mood, label
FROM people;
DROP TABLE people;
ALTER TABLE _migc_new_people RENAME TO people;
CREATE TABLE _migc_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    level TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT people_mood_enum CHECK (mood IN ('happy', 'ecstatic', 'ok', 'blue', 'angry')),
    CONSTRAINT people_label_enum CHECK (label IN ('happy', 'ecstatic', 'ok', 'blue', 'angry')),
    CONSTRAINT people_level_enum CHECK (level IN ('low', 'high'))
);
INSERT INTO _migc_new_people (id, name, mood, label, level)
SELECT id, name, current_mood, label, level
FROM people;
DROP TABLE people;
ALTER TABLE _migc_new_people RENAME TO people;
COMMIT;

-- Running upgrade 004 -> 005, a type dropped once no column uses it
-- tests/golden/enum_types/005_drop.mig
BEGIN;
CREATE TABLE _migc_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT people_mood_enum CHECK (mood IN ('happy', 'ecstatic', 'ok', 'blue', 'angry')),
    CONSTRAINT people_label_enum CHECK (label IN ('happy', 'ecstatic', 'ok', 'blue', 'angry'))
);
INSERT INTO _migc_new_people (id, name, mood, label)
SELECT id, name, mood, label
FROM people;
DROP TABLE people;
ALTER TABLE _migc_new_people RENAME TO people;
COMMIT;

-- Running upgrade 005 -> 006, a view, a check and a partial index over an enum column
-- tests/golden/enum_types/006_view.mig
BEGIN;
CREATE VIEW blue_people AS
select id, name from people where mood = 'blue';
DROP VIEW blue_people;
CREATE TABLE _migc_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT people_ok_labelled CHECK (mood <> 'ok' OR label IS NOT NULL),
    CONSTRAINT people_mood_enum CHECK (mood IN ('happy', 'ecstatic', 'ok', 'blue', 'angry')),
    CONSTRAINT people_label_enum CHECK (label IN ('happy', 'ecstatic', 'ok', 'blue', 'angry'))
);
INSERT INTO _migc_new_people (id, name, mood, label)
SELECT id, name, mood, label
FROM people;
DROP TABLE people;
ALTER TABLE _migc_new_people RENAME TO people;
CREATE VIEW blue_people AS
select id, name from people where mood = 'blue';
CREATE INDEX ix_people_blue ON people (id) WHERE mood = 'blue';
COMMIT;

-- Running upgrade 006 -> 007, a value added under a view of the type, the view dropped around it
-- tests/golden/enum_types/007_value_under_view.mig
BEGIN;
DROP VIEW blue_people;
CREATE TABLE _migc_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    mood TEXT NOT NULL DEFAULT 'happy',
    label TEXT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT people_ok_labelled CHECK (mood <> 'ok' OR label IS NOT NULL),
    CONSTRAINT people_mood_enum CHECK (mood IN ('happy', 'ecstatic', 'ok', 'blue', 'angry', 'meh')),
    CONSTRAINT people_label_enum CHECK (label IN ('happy', 'ecstatic', 'ok', 'blue', 'angry', 'meh'))
);
INSERT INTO _migc_new_people (id, name, mood, label)
SELECT id, name, mood, label
FROM people;
DROP TABLE people;
ALTER TABLE _migc_new_people RENAME TO people;
CREATE INDEX ix_people_blue ON people (id) WHERE mood = 'blue';
CREATE VIEW blue_people AS
select id, name from people where mood = 'blue';
COMMIT;

