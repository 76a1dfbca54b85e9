# Migrators started at once on one database apply each migration exactly
# once: on SQLite BEGIN IMMEDIATE and the busy timeout make them take
# turns, on PostgreSQL the session advisory lock.
for round in 1 2 3; do
    reset_db
    pids=""
    for i in 1 2 3 4; do
        "$DEMO" upgrade >"out$i" 2>"err$i" &
        pids="$pids $!"
    done
    for p in $pids; do
        wait "$p" || fail "a concurrent migrator failed: $(cat err*)"
    done
    n=$(cat err1 err2 err3 err4 | grep -c "^Running upgrade")
    [ "$n" = 5 ] || fail "round $round: $n migrations ran, expected 5: $(cat err*)"
    expect_versions "005"
    expect_q "SELECT count(*) FROM migc_version_applied" "5"
done
