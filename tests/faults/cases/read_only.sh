# A database the migrator may read but not write. SQLite: the file
# mounted read-only, then its directory read-only with the file writable
# (SQLite cannot create its journal there). PostgreSQL: the database set
# to read-only transactions (default_transaction_read_only). Writing
# commands end with one clear error and change nothing; reading commands
# still work; once writable again, the next run completes.
. "$FAULT_TESTS/lib.sh"
fault_project slow 1000 1 "select 1"
run 0 "$MIGC" build slow -o m
if sqlite_only; then
    need_mount
    mkdir store view
    url=sqlite:///view/app.db
    run 0 ./m upgrade 001 --database-url sqlite:///store/app.db
    # the file read-only
    fault_mount --bind store view
    mount -o remount,bind,ro view || fail "could not remount view read-only"
    run 1 ./m upgrade --database-url "$url"
    expect_err "error: could not open \"view/app.db\" to lock it: Read-only file system"
    run 0 ./m current --database-url "$url"
    expect_out_is "001"
    run 3 ./m check --database-url "$url"
    expect_err "2 revisions pending: 002, 003"
    # the directory read-only, the file writable
    fault_mount --bind store/app.db view/app.db
    run 1 ./m upgrade --database-url "$url"
    expect_err "error: upgrade of revision 002 failed at versions/002_ledger.mig:"
    expect_err "could not create the journal beside the database file: is its directory writable?"
    expect_err "hint: Nothing of revision 002 was applied"
    umount view/app.db && umount view || fail "could not unmount"
    [ "$("$SQLITE3" store/app.db "SELECT version_num FROM migc_version")" = 001 ] || fail "the version changed"
    [ "$("$SQLITE3" store/app.db "SELECT group_concat(owner) FROM accounts")" = "ada,brian,claude" ] || fail "the accounts changed"
    run 0 ./m upgrade --database-url sqlite:///store/app.db
    [ "$("$SQLITE3" store/app.db "SELECT version_num FROM migc_version")" = 003 ] || fail "the rerun did not reach 003"
else
    run 0 ./m upgrade 001
    "$PSQL" -X -q -d postgres -c "ALTER DATABASE \"$PG_DB\" SET default_transaction_read_only = on" >/dev/null || fail "could not make the database read-only"
    run 1 ./m upgrade
    expect_err "read-only transaction (SQLSTATE 25006)"
    expect_err "hint: The database accepts only read-only transactions"
    [ "$(wc -l <"$work/.err")" -le 3 ] || fail "more than an error, detail and hint: $(err)"
    run 0 ./m current
    expect_out_is "001"
    expect_versions "001"
    expect_accounts "$ACCOUNTS_001"
    "$PSQL" -X -q -d postgres -c "ALTER DATABASE \"$PG_DB\" RESET default_transaction_read_only" >/dev/null || fail "could not make the database writable"
    run 0 ./m upgrade
    expect_versions "003"
    expect_accounts "$ACCOUNTS_002"
fi
