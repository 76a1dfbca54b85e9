# A full disk. SQLite: the database on a 1 MB tmpfs, which 002's rows
# overflow; then the tmpfs grows and the next run completes. PostgreSQL:
# a full disk cannot be had on a shared server, so its equivalent is the
# limit a server puts on the disk a statement may use: temp_file_limit,
# exceeded by 002's statement (work_mem small, so it spills to disk).
# Either way: one clear error, the database at 001 with every row.
. "$FAULT_TESTS/lib.sh"
if sqlite_only; then
    need_mount
    fault_project big 200000 1 "select 1"
    mkdir disk
    fault_mount -t tmpfs -o size=1m tmpfs disk
    export DATABASE_URL=sqlite:///disk/test.db
    q() { "$SQLITE3" disk/test.db "$1"; }
else
    fault_project big 200000 1 "select count(*) from (select g, md5(g::text) from generate_series(1, 300000) g order by 2) s"
    q "ALTER DATABASE \"$PG_DB\" SET temp_file_limit = '1MB'; ALTER DATABASE \"$PG_DB\" SET work_mem = '64kB'" >/dev/null
fi
run 0 "$MIGC" build big -o m
run 0 ./m upgrade 001
run 1 ./m upgrade
if sqlite_only; then
    # where it shows first (a statement, or the commit) depends on the cache
    expect_err "database or disk is full"
    expect_err "hint: Nothing of revision 002 was applied"
else
    expect_err "error: upgrade of revision 002 failed at versions/002_ledger.mig:"
    expect_err "temporary file size exceeds temp_file_limit (1024kB) (SQLSTATE 53400)"
    expect_err "hint: Nothing of revision 002 was applied"
fi
expect_versions "001"
expect_accounts "$ACCOUNTS_001"
case ",$(tables)," in *,ledger,*) fail "a table of the failed migration is left: $(tables)" ;; esac
if sqlite_only; then
    mount -o remount,size=64m disk || fail "could not grow the tmpfs"
else
    q "ALTER DATABASE \"$PG_DB\" RESET temp_file_limit" >/dev/null
fi
run 0 ./m upgrade
expect_versions "003"
expect_accounts "$ACCOUNTS_002"
expect_q "SELECT count(*) FROM ledger" "200000"
