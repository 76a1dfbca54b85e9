\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, every kind a PostgreSQL sql block can declare
-- tests/golden/declared_objects_postgres/001_ranking.mig
BEGIN;
CREATE TABLE post (
    id INTEGER NOT NULL,
    score INTEGER NOT NULL,
    owner TEXT,
    CONSTRAINT post_pkey PRIMARY KEY (id)
);
create extension if not exists pg_trgm;
        create function hot_rank(score integer) returns integer language sql immutable
            as 'select score * 2';
        create sequence ticket_seq;
        create type score_range as range (subtype = integer);
        create materialized view top_posts as select id, score from post;
        alter table post enable row level security;
        create policy own_rows on post using (owner = current_user);
        create table "Legacy" (id integer primary key);
CREATE INDEX top_posts_score ON top_posts (score);
drop index top_posts_score;
CREATE VIEW hot_posts AS
select id, hot_rank(score) as rank from post;
COMMIT;

