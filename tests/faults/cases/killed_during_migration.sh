# SIGKILL during a long migration: the database stays at the previous
# revision, with every row as it was (002 changes every account; none of
# it shows), and the next run applies 002 and 003 once. PostgreSQL: the
# killed migrator's backend keeps its transaction and lock until its
# statement ends, then rolls back; the next run waits for the lock.
. "$FAULT_TESTS/lib.sh"
fault_project slow 500000 15000000 "select pg_sleep(2)"
run 0 "$MIGC" build slow -o m
run 0 ./m upgrade 001
expect_accounts "$ACCOUNTS_001"
start_migrator bg.out ./m upgrade
wait_in_long_migration
kill -KILL "$MIGRATOR"
wait "$MIGRATOR"
[ $? = 137 ] || fail "the migrator was not killed by SIGKILL: $(cat bg.out)"
grep -q "Running upgrade 001 -> 002" bg.out && fail "002 had finished before the kill: $(cat bg.out)"
expect_versions "001"
expect_accounts "$ACCOUNTS_001"
case ",$(tables)," in *,ledger,*) fail "a table of the killed migration is left: $(tables)" ;; esac
run 3 ./m check
expect_err "Target database is not up to date: 2 revisions pending: 002, 003"
expect_no_err "schema drift"
run 0 ./m upgrade --lock-timeout 30
expect_err "Running upgrade 001 -> 002, long: fill the ledger"
expect_err "Running upgrade 002 -> 003, audit"
expect_versions "003"
expect_accounts "$ACCOUNTS_002"
expect_q "SELECT count(*) FROM ledger" "500000"
run 0 ./m check
