# A migrator that cannot get the run's lock within --lock-timeout says it
# waits, then exits 1 naming the lock; readers never wait for it.
if sqlite_only; then
    run 0 "$DEMO" stamp base
    command -v flock >/dev/null || fail "flock (util-linux) is not installed"
    flock test.db sleep 4 &
    holder=$!
else
    # another migrator, busy in a slow migration, holds the lock
    mkdir -p slow/versions
    cat > slow/versions/001_slow.mig <<'MIG'
revision 001
revises base
message 'slow'

upgrade {
    sql postgres $$ select pg_sleep(4) $$;
}
downgrade {
}
MIG
    run 0 "$MIGC" build slow -o slow-migrate --dialect postgres
    ./slow-migrate upgrade >slow.out 2>&1 &
    holder=$!
fi
sleep 1
run 1 "$DEMO" upgrade --lock-timeout 1
expect_err "Waiting for another migrator to finish (it holds the lock on \"migc_version\"; waiting up to 1 s)"
expect_err "error: could not get the migration lock on \"migc_version\" within 1 seconds"
expect_err "raise --lock-timeout"
run 0 "$DEMO" current
wait "$holder" || fail "the lock holder failed: $(cat slow.out 2>/dev/null)"
if sqlite_only; then again=$DEMO; else again=./slow-migrate; fi
run 0 "$again" upgrade --lock-timeout 1 -q
[ -z "$(err)" ] || fail "a free lock was waited for: $(err)"
