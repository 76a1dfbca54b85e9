# Eight migrators started at the same moment on one database, over a
# history holding a transaction none migration that creates an index
# concurrently on a table with rows: each migration runs exactly once and
# every migrator exits 0. A waiter polls for the lock outside any
# transaction, so it holds no snapshot that CREATE INDEX CONCURRENTLY
# would wait for (the hang of migrators that wait inside the lock call).
cp -r "$RUNTIME_TESTS/concurrent" conc
run 0 "$MIGC" build conc -o m
for round in 1 2; do
    reset_db
    rm -f go
    pids=""
    for i in 1 2 3 4 5 6 7 8; do
        (
            while [ ! -e go ]; do sleep 0.005; done
            exec ./m upgrade --lock-timeout 60
        ) >"out$i" 2>"err$i" &
        pids="$pids $!"
    done
    touch go
    for p in $pids; do
        wait "$p" || fail "round $round: a migrator failed: $(cat err*)"
    done
    n=$(cat err? | grep -c "^Running upgrade")
    [ "$n" = 3 ] || fail "round $round: $n migrations ran, expected 3: $(cat err?)"
    for rev in 001 002 003; do
        k=$(cat err? | grep -c "^Running upgrade .*-> $rev,")
        [ "$k" = 1 ] || fail "round $round: revision $rev ran $k times"
    done
    expect_versions "003"
    expect_q "SELECT count(*) FROM migc_version_applied" "3"
    expect_q "SELECT count(*) FROM items" "20000"
    if postgres_only; then
        expect_q "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_name'::regclass" "t"
    fi
done
grep -q "Waiting for another migrator to finish" err? ||
    fail "no migrator said it waited for the lock: $(cat err?)"
run 0 ./m check
