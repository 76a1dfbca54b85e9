# A migration whose statement waits for a lock behind a long transaction
# gives up after --statement-lock-timeout (PostgreSQL's lock_timeout,
# SQLite's busy timeout) instead of making every query on the table queue
# behind it: exit 1 after about the timeout, a message naming what held
# the lock, nothing applied, and the other transaction unharmed. With
# --retries it tries again after a pause and applies once the lock is
# free. The build-time default (migc build --statement-lock-timeout)
# applies when the option is not given.
run 0 "$MIGC" build "$RUNTIME_TESTS/project" -o m --statement-lock-timeout 1s
run 0 ./m --help
expect_out "timeout) before the migration fails; default: 1 s (set at build)"
run 0 ./m upgrade 001 -q

snapshot() {
    dump
    q "SELECT version_num FROM migc_version ORDER BY 1"
}
# hold SECONDS [MODE]: a transaction in the background that holds a lock
# (PostgreSQL: on users, in MODE, default ACCESS SHARE, which 003's ALTER
# TABLE waits for; SQLite: the file's write lock) for SECONDS, then
# commits; HOLDER is its pid, its output in holder.out. Returns once the
# lock is held.
hold() {
    rm -f holder.out
    if postgres_only; then
        { echo "BEGIN; LOCK TABLE users IN ${2:-ACCESS SHARE} MODE; SELECT 'held';"; sleep "$1"; echo "COMMIT;"; } |
            "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -d "$PG_DB" >holder.out 2>&1 &
    else
        { echo "BEGIN IMMEDIATE; SELECT 'held';"; sleep "$1"; echo "COMMIT;"; } |
            "$SQLITE3" -bail test.db >holder.out 2>&1 &
    fi
    HOLDER=$!
    local i
    for i in $(seq 1 100); do
        grep -q held holder.out 2>/dev/null && return 0
        sleep 0.05
    done
    fail "the lock holder never got its lock: $(cat holder.out)"
}

snapshot >before.txt
hold 5
t0=$(date +%s%N)
run 1 ./m upgrade 003
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$ms" -lt 4500 ] || fail "the migrator gave up after $ms ms, not about 1 s"
if postgres_only; then
    expect_err "error: upgrade of revision 003 failed at versions/003_email.mig:7: canceling statement due to lock timeout (SQLSTATE 55P03): table \"users\" is locked by process "
    expect_err "(ACCESS SHARE, idle in transaction"
    expect_err "detail: The statement waited 1 s (--statement-lock-timeout) for a lock that another session holds"
else
    expect_err "error: could not lock the database: database is locked"
    expect_err "detail: Another connection held a lock on the database file \"test.db\"; the migrator waited 1 s (--statement-lock-timeout) for it."
fi
expect_err "or add --retries N to try again after a pause."
snapshot >after.txt
diff before.txt after.txt >&2 || fail "the timed-out migration changed the database"
expect_versions "001"
wait "$HOLDER" || fail "the other transaction could not commit: $(cat holder.out)"

# --retries: the lock is released while the migrator pauses
hold 2
run 0 ./m upgrade 003 --statement-lock-timeout 1s --retries 4
expect_err "waited 1 s for a lock ("
expect_err "; trying again in 1 s (retry 1 of 4)"
postgres_only && expect_err "Revision 003 waited 1 s for a lock (table \"users\", held by process "
expect_err "Running upgrade 001 -> 003, add email"
expect_versions "003"
wait "$HOLDER" || fail "the other transaction could not commit: $(cat holder.out)"

# a rehearsal reports such a migration as failed, naming the table (002's
# foreign key takes SHARE ROW EXCLUSIVE on users, which waits for writers)
if postgres_only; then
    hold 3 "ROW EXCLUSIVE"
    run 1 ./m upgrade 002 --rehearse
    expect_out "  002 add posts: failed after "
    expect_out "canceling statement due to lock timeout (SQLSTATE 55P03): table \"users\" is locked by process "
    expect_out "(ROW EXCLUSIVE, idle in transaction"
    expect_versions "003"
    wait "$HOLDER" || fail "the other transaction could not commit: $(cat holder.out)"
fi

# what the option takes
run 2 ./m upgrade --statement-lock-timeout 5x
expect_err "error: --statement-lock-timeout needs a duration such as 5s, 500ms or 2min (at most a day), not \"5x\""
run 2 ./m upgrade --retries many
expect_err "error: --retries needs a number from 0 to 100, not \"many\""
run 2 ./m upgrade --rehearse --retries 2
expect_err "error: --retries cannot be combined with --rehearse"
run 2 ./m current --statement-lock-timeout 1s
expect_err "error: --statement-lock-timeout and --retries are not taken by current"
run 2 "$MIGC" build "$RUNTIME_TESTS/project" -o m2 --statement-lock-timeout soon
expect_err "--statement-lock-timeout needs a duration such as 5s, 500ms or 2min (at most a day), not \"soon\""
