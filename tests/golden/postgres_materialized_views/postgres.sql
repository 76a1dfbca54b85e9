\set ON_ERROR_STOP on

-- Running upgrade <base> -> 001, posts, counted by author
-- tests/golden/postgres_materialized_views/001_posts.mig
BEGIN;
CREATE TABLE posts (
    id INTEGER NOT NULL,
    author TEXT NOT NULL,
    body TEXT,
    CONSTRAINT posts_pkey PRIMARY KEY (id)
);
CREATE MATERIALIZED VIEW post_counts AS
select author, count(*) as n from posts group by author
WITH NO DATA;
CREATE UNIQUE INDEX post_counts_author ON post_counts (author);
CREATE INDEX post_counts_busy ON post_counts (n DESC) WHERE n > 1;
REFRESH MATERIALIZED VIEW post_counts;
CREATE VIEW long_posts AS
select id, body::varchar(20) as head from posts where length(body) > 100;
COMMIT;

-- Running upgrade 001 -> 002, a second materialized view; the first one goes
-- tests/golden/postgres_materialized_views/002_daily.mig
BEGIN;
CREATE MATERIALIZED VIEW "Busy Authors" AS
select author from post_counts where n > 10 -- a comment at the end
;
REFRESH MATERIALIZED VIEW CONCURRENTLY post_counts;
DROP MATERIALIZED VIEW "Busy Authors";
DROP VIEW long_posts;
COMMIT;

-- Running upgrade 002 -> 003, drop the counts
-- tests/golden/postgres_materialized_views/003_drop.mig
BEGIN;
DROP INDEX post_counts_busy;
DROP MATERIALIZED VIEW post_counts;
COMMIT;

