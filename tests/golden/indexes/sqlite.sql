.bail on

-- Running upgrade <base> -> 001, a table with every kind of index
-- tests/golden/indexes/001_tables.mig
BEGIN;
CREATE TABLE members (
    id INTEGER NOT NULL,
    email VARCHAR(200) NOT NULL,
    team INTEGER,
    joined_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at TIMESTAMP,
    CONSTRAINT members_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_members_email ON members (email);
CREATE INDEX ix_members_live ON members (team) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX ux_members_lower_email ON members ((lower(email)));
CREATE INDEX ix_members_joined ON members (joined_at DESC, team ASC);
COMMIT;

-- Running upgrade 001 -> 002, an index built without locking writes
-- tests/golden/indexes/002_concurrently.mig
CREATE INDEX ix_members_team ON members (team);

-- Running upgrade 002 -> 003, drop and replace an index
-- tests/golden/indexes/003_drop_index.mig
BEGIN;
DROP INDEX ix_members_joined;
CREATE INDEX ix_members_joined ON members (joined_at);
COMMIT;

