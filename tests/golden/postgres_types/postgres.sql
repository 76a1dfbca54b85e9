\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, the PostgreSQL-only types
-- tests/golden/postgres_types/001_hosts.mig
BEGIN;
CREATE TABLE hosts (
    id BIGSERIAL NOT NULL,
    seq_no SMALLSERIAL NOT NULL,
    position SERIAL NOT NULL,
    addr INET NOT NULL,
    net CIDR,
    mac MACADDR,
    doc TSVECTOR,
    query TSQUERY,
    price MONEY DEFAULT 0,
    config XML,
    uptime INTERVAL,
    timeout INTERVAL(3),
    tags TEXT[] NOT NULL DEFAULT '{}',
    ports INTEGER[] DEFAULT '{80,443}',
    scores NUMERIC(5,2)[],
    stamps TIMESTAMPTZ(3)[],
    vec bit varying(8),
    blobs bytea[],
    CONSTRAINT hosts_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_hosts_addr ON hosts (addr);
COMMIT;

-- Running upgrade 001 -> 002, alter the PostgreSQL-only types
-- tests/golden/postgres_types/002_alter.mig
BEGIN;
ALTER TABLE hosts
    ALTER COLUMN scores TYPE NUMERIC(7,2)[],
    ALTER COLUMN uptime TYPE INTERVAL(2),
    ADD COLUMN extra INET[] NOT NULL DEFAULT '{}',
    DROP COLUMN mac,
    DROP COLUMN seq_no;
ALTER TABLE hosts RENAME TO machines;
ALTER SEQUENCE hosts_id_seq RENAME TO machines_id_seq;
ALTER SEQUENCE hosts_position_seq RENAME TO machines_position_seq;
ALTER TABLE machines RENAME COLUMN position TO pos;
ALTER SEQUENCE machines_position_seq RENAME TO machines_pos_seq;
COMMIT;

