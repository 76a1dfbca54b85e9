# A lock held by another process beyond --lock-timeout: another migrator
# is busy in the long migration. The waiter says it waits, gives up after
# --lock-timeout with one clear error and changes nothing; reading
# commands do not wait; the holder finishes, and the waiter's next run
# finds nothing to do.
. "$FAULT_TESTS/lib.sh"
fault_project slow 1000 15000000 "select pg_sleep(3)"
run 0 "$MIGC" build slow -o m
run 0 ./m upgrade 001
start_migrator bg.out ./m upgrade
wait_in_long_migration
run 1 ./m upgrade --lock-timeout 1
expect_err "Waiting for another migrator to finish (it holds the lock on \"migc_version\"; waiting up to 1 s)"
expect_err "error: could not get the migration lock on \"migc_version\" within 1 seconds: another migrator is running on this database"
expect_err "hint: Wait for it to finish and run again, or raise --lock-timeout."
run 0 ./m current
expect_out_is "001"
expect_accounts "$ACCOUNTS_001"
wait "$MIGRATOR" || fail "the migrator holding the lock failed: $(cat bg.out)"
grep -q "Running upgrade 002 -> 003" bg.out || fail "the holder did not finish: $(cat bg.out)"
run 0 ./m upgrade --lock-timeout 1
expect_no_err "Running upgrade"
expect_versions "003"
expect_accounts "$ACCOUNTS_002"
expect_q "SELECT count(*) FROM migc_version_applied" "3"
