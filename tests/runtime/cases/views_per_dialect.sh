# Materialized views (PostgreSQL) and views written for one dialect: check
# finds no drift after each step up and down; a materialized view or an
# index on one changed by hand is drift naming it.
mkdir -p mv
cat >mv/001_posts.mig <<'MIG'
revision 001
revises base
message 'posts, with a view per dialect'

upgrade {
    create table posts (id integer primary key, author text not null, body text);
    create view heads postgres as $$ select id, left(body, 10) as head from posts $$;
    create view heads sqlite as $$ select id, substr(body, 1, 10) as head from posts $$;
}
MIG
if postgres_only; then
    cat >mv/002_counts.mig <<'MIG'
revision 002
revises 001
message 'counts'

upgrade {
    create materialized view post_counts as $$
        select author, count(*) as n from posts group by author
    $$ with no data;
    create unique index post_counts_author on post_counts (author);
    refresh materialized view post_counts;
}
MIG
    cat >mv/003_busy.mig <<'MIG'
revision 003
revises 002
message 'busy authors'

upgrade {
    create materialized view busy as $$ select author from post_counts where n > 1 $$;
    create index busy_author on busy (author);
    refresh materialized view concurrently post_counts;
    drop view heads;
}
MIG
    cat >mv/004_drop.mig <<'MIG'
revision 004
revises 003
message 'drop the counts'

upgrade {
    drop materialized view busy;
    drop materialized view post_counts;
}
MIG
    # check wants the database at head: a migrator per step (m_REV has
    # the migrations up to REV).
    for rev in 001 002 003 004; do
        mkdir -p "mv_$rev"
        cp mv/0*.mig "mv_$rev"/
        for f in mv/0*.mig; do
            n=$(basename "$f")
            [[ $n > ${rev}_~ ]] && rm "mv_$rev/$n"
        done
        run 0 "$MIGC" build "mv_$rev" -o "m_$rev" --dialect postgres
        run 0 "./m_$rev" upgrade
        run 0 "./m_$rev" check
        expect_out "OK: the database is at $rev and its schema matches"
    done
    for rev in 003 002 001; do
        run 0 ./m_004 downgrade "$rev"
        run 0 "./m_$rev" check
        expect_out "OK: the database is at $rev and its schema matches"
    done
    cp m_003 m
    run 0 ./m upgrade
    expect_q "SELECT count(*) FROM pg_matviews WHERE ispopulated" 2
    # By hand: a materialized view the migrations do not have, an index
    # on one dropped, one redefined.
    q "CREATE MATERIALIZED VIEW extra_counts AS SELECT 1 AS one" >/dev/null
    expect_drift 'materialized view "extra_counts" is in the database but not in the migrations' \
        '{"object": "materialized view extra_counts", "kind": "extra", "expected": "missing", "actual": "materialized view"}'
    expect_err_count 1
    q "DROP MATERIALIZED VIEW extra_counts; DROP INDEX busy_author" >/dev/null
    expect_drift 'materialized view "busy": index "busy_author" is in the migrations but missing from the database' \
        '{"object": "index busy.busy_author", "kind": "missing", "expected": "index", "actual": "missing"}'
    expect_err_count 1
    q "DROP MATERIALIZED VIEW busy; CREATE MATERIALIZED VIEW busy AS SELECT author FROM post_counts WHERE n > 5; CREATE INDEX busy_author ON busy (author)" >/dev/null
    expect_drift 'materialized view "busy" is defined as' '"object": "materialized view busy", "kind": "definition"'
    expect_err_count 1
    run 0 ./m downgrade base
    [ "$(q "SELECT count(*) FROM pg_class WHERE relname IN ('busy', 'post_counts', 'heads')")" = 0 ] ||
        fail "the downgrade left views behind"
else
    run 0 "$MIGC" build mv -o m
    run 0 ./m upgrade
    run 0 ./m check
    expect_out "OK: the database is at 001 and its schema matches"
    expect_q "SELECT sql LIKE '%substr(body, 1, 10)%' FROM sqlite_master WHERE name = 'heads'" 1
    q "DROP VIEW heads; CREATE VIEW heads AS select id, body from posts" >/dev/null
    expect_drift 'view "heads" is defined as' '"object": "view heads", "kind": "definition"'
    expect_err_count 1
fi
