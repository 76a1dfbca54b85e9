# A transaction none migration killed during CREATE INDEX CONCURRENTLY:
# the server goes on building the index after its client died, so the
# statement recorded as running did take effect. The next run looks in
# the catalog, finds the index there and valid, does not build it again
# (which failed with "relation already exists" on every run), and
# finishes the migration. A concurrent build that failed leaves an
# invalid index: once the cause is fixed, the next run drops it and builds
# it again. SQLite builds an index inside a statement's transaction,
# which a kill rolls back (transaction_none_killed covers it); here the
# failed build's next run finds the index missing and builds it.
. "$FAULT_TESTS/lib.sh"
mkdir -p ix/versions
cat > ix/versions/001_items.mig <<'MIG'
revision 001
revises base
message 'items'

upgrade {
    create table items (id integer primary key, name text not null);
    sql sqlite $$ insert into items select g, 'n' || (g % 1000) from (with recursive n(g) as (select 1 union all select g + 1 from n where g < 20000) select g from n) $$;
    sql postgres $$ insert into items select g, 'n' || (g % 1000) from generate_series(1, 20000) g $$;
}
downgrade {
    drop table items;
}
MIG
cat > ix/versions/002_index.mig <<'MIG'
revision 002
revises 001
message 'index the names'
transaction none

upgrade {
    create index concurrently ix_items_name on items (name);
    create table after_it (id integer primary key);
}
MIG
run 0 "$MIGC" build ix -o m
run 0 ./m upgrade 001

if postgres_only; then
    # A transaction that has written to items makes CREATE INDEX
    # CONCURRENTLY wait before it builds: the migrator is killed while its
    # backend waits, and the build runs once the writer is gone.
    PGAPPNAME=migc_blocker "$PSQL" -X -q -d "$PG_DB" \
        -c "BEGIN; UPDATE items SET name = name WHERE id = 1; SELECT pg_sleep(120); COMMIT" >/dev/null 2>&1 &
    blocker=$!
    for i in $(seq 1 400); do
        [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migc_blocker' AND query LIKE '%pg_sleep%'")" = 1 ] && break
        [ "$i" = 400 ] && fail "the blocking transaction never started"
        sleep 0.05
    done
    start_migrator bg.out ./m upgrade
    wait_in_long_migration "CREATE INDEX CONCURRENTLY%"
    kill -KILL "$MIGRATOR"
    wait "$MIGRATOR"
    [ $? = 137 ] || fail "the migrator was not killed: $(cat bg.out)"
    q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'migc_blocker'" >/dev/null
    wait "$blocker"
    # The orphaned backend finishes the build, then notices its client is
    # gone and ends, releasing the run's lock.
    for i in $(seq 1 400); do
        [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'CREATE INDEX CONCURRENTLY%'")" = 0 ] && break
        [ "$i" = 400 ] && fail "the orphaned index build never ended"
        sleep 0.05
    done
    expect_q "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_name'::regclass" "t"
    expect_versions "001"
    run 0 ./m upgrade --lock-timeout 30
    expect_err "Resuming upgrade of revision 002 at statement 1 of 2 (the 0 before it ran in an earlier run that stopped)"
    expect_err "  statement 1 (versions/002_index.mig:7) took effect: index \"ix_items_name\" exists and is valid; not running it again"
    expect_err "Running upgrade 001 -> 002, index the names"
    expect_versions "002"
    expect_q "SELECT count(*) FROM after_it" "0"
    run 0 ./m check
    expect_out "OK: the database is at 002"
    # Runs again: nothing to do, nothing said of 002.
    run 0 ./m upgrade
    expect_no_err "002"
    reset_db
fi

# A failed concurrent build leaves an invalid index (PostgreSQL): a unique
# index over duplicate names.
sed -i 's/create index concurrently ix_items_name/create unique index concurrently ix_items_name/' ix/versions/002_index.mig
run 0 "$MIGC" build ix -o m
run 0 ./m upgrade 001
run 1 ./m upgrade
expect_err "upgrade of revision 002 failed at versions/002_index.mig:7"
if postgres_only; then
    expect_q "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_name'::regclass" "f"
    run 1 ./m upgrade
    expect_err "  statement 1 (versions/002_index.mig:7) did not finish: index \"ix_items_name\" is there but invalid, left by a concurrent build that did not finish; dropping it and running the statement again"
    expect_err "upgrade of revision 002 failed at versions/002_index.mig:7"
    expect_no_err "already exists"
    found='did not finish: index "ix_items_name" is there but invalid, left by a concurrent build that did not finish; dropping it and running the statement again'
else
    found='did not take effect: index "ix_items_name" does not exist; running it'
fi
q "UPDATE items SET name = 'u' || id" >/dev/null
run 0 ./m upgrade
expect_err "  statement 1 (versions/002_index.mig:7) $found"
expect_versions "002"
if postgres_only; then
    expect_q "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_name'::regclass" "t"
fi
run 0 ./m check
expect_out "OK: the database is at 002"
