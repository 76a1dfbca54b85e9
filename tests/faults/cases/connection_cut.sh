# The connection cut during a run. PostgreSQL: the migrator's backend is
# terminated (pg_terminate_backend) while it runs the long migration.
# SQLite has no connection: its equivalent is the database file moved
# away (or replaced) while the migrator writes, which would otherwise
# send the migration into a file nobody opens again. Either way the run
# ends with one clear error, the database is at 001 with every row, and
# the next run completes.
. "$FAULT_TESTS/lib.sh"
fault_project slow 500000 15000000 "select pg_sleep(30)"
run 0 "$MIGC" build slow -o m
run 0 ./m upgrade 001
start_migrator bg.out ./m upgrade
wait_in_long_migration
if postgres_only; then
    q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep%'" >/dev/null
else
    mv test.db moved.db
fi
wait "$MIGRATOR"
rc=$?
[ $rc = 1 ] || fail "exit $rc after the connection was cut, expected 1: $(cat bg.out)"
if postgres_only; then
    grep -q "^error: upgrade of revision 002 failed at versions/002_ledger.mig:" bg.out ||
        fail "no error naming revision 002: $(cat bg.out)"
    grep -q "terminating connection due to administrator command" bg.out || fail "the cause is not named: $(cat bg.out)"
else
    # The move is caught before the next statement of 002 (the error then
    # names that statement) or, when it lands in the last, before the
    # commit: which one depends on how fast the machine runs the insert.
    grep -Eq "^error: (upgrade of revision 002 failed at versions/002_ledger.mig:[0-9]+: )?the SQLite database file \"test.db\" was deleted or replaced while the migrator ran" bg.out ||
        fail "the cause is not named: $(cat bg.out)"
    grep -Eq "^hint: Nothing of (the running transaction was committed|revision 002 was applied)" bg.out ||
        fail "no hint: $(cat bg.out)"
    [ -e test.db ] && fail "a new test.db was written"
    mv moved.db test.db
fi
expect_versions "001"
expect_accounts "$ACCOUNTS_001"
case ",$(tables)," in *,ledger,*) fail "a table of the cut migration is left: $(tables)" ;; esac
if postgres_only; then
    # a short sleep this time, so that the rerun ends soon
    sed -i 's/pg_sleep(30)/pg_sleep(0)/' slow/versions/002_ledger.mig
    run 0 "$MIGC" build slow -o m
fi
run 0 ./m upgrade
expect_versions "003"
expect_accounts "$ACCOUNTS_002"
expect_q "SELECT count(*) FROM ledger" "500000"
