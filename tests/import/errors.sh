#!/bin/bash
# import/errors.sh sqlite|postgres
#
# migc import on bad input: each case checks the exit status, the message,
# and that nothing was written (no project directory, no SQLite file
# created). Also: the version tables of migc and Alembic are never
# imported, Alembic's revision becomes the default id with the
# --version-table hint, and no password is ever printed.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/common.sh"
[ $# -eq 1 ] || { echo "usage: $0 sqlite|postgres" >&2; exit 2; }
dialect=$1 dir=tests/import
export LC_ALL=C
make_scratch
. "$here/pg_dump.sh"

# expect STATUS WHAT CMD...: CMD exits STATUS; its output is in .out/.err
expect() {
    local status=$1 what=$2
    shift 2
    "$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err"
    local got=$?
    [ "$got" -eq "$status" ] || {
        show_file stdout "$SCRATCH/.out"; show_file stderr "$SCRATCH/.err"
        fail "$what: exit status $got, expected $status"
    }
}
err_has() {   # err_has TEXT: stderr holds TEXT
    grep -qF -- "$1" "$SCRATCH/.err" || { show_file stderr "$SCRATCH/.err"; fail "stderr lacks: $1"; }
}
nothing_written() {
    [ ! -e "$SCRATCH/proj" ] || fail "$1: a project was written"
}

case $dialect in
sqlite)
    # a missing file: an error naming it, and the file is not created
    expect 1 "missing file" "$MIGC" import "sqlite:///$SCRATCH/nope.db" "$SCRATCH/proj"
    err_has "migc import: error: SQLite database file \"$SCRATCH/nope.db\" does not exist"
    [ ! -e "$SCRATCH/nope.db" ] || fail "import created the missing database file"
    nothing_written "missing file"
    # an empty database: nothing to import
    sqlite3 "$SCRATCH/empty.db" "CREATE TABLE t (x); DROP TABLE t;"
    expect 1 "empty database" "$MIGC" import "sqlite:///$SCRATCH/empty.db" "$SCRATCH/proj"
    err_has "has no tables or views to import"
    nothing_written "empty database"
    db=$SCRATCH/app.db url=sqlite:///$db
    run_sql() { sqlite3 -bail "$db" "$1"; }
    ;;
postgres)
    pg_setup
    # nothing listens there (a port from the fixture's, minus one that is free)
    expect 1 "unreachable server" "$MIGC" import "postgresql://postgres@127.0.0.1:1/nowhere" "$SCRATCH/proj"
    err_has "migc import: error: "
    err_has "127.0.0.1"
    nothing_written "unreachable server"
    pg_new app
    pdb=$DB
    "$PSQL" -X -q -d postgres -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || fail "could not create the role"
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'migc_password_user') THEN
        CREATE ROLE migc_password_user LOGIN;
    END IF;
END $$;
SET password_encryption = 'scram-sha-256';
ALTER ROLE migc_password_user PASSWORD 'R1ght/Pa@ss:w0rd?#% x';
SQL
    expect 1 "wrong password" "$MIGC" import \
        "postgresql://migc_password_user:Wr0ngS3cret@$PGHOST:$PGPORT/$pdb" "$SCRATCH/proj"
    err_has 'password authentication failed for user "migc_password_user"'
    if grep -q Wr0ngS3cret "$SCRATCH/.out" "$SCRATCH/.err"; then fail "the password was printed"; fi
    nothing_written "wrong password"
    expect 1 "empty database" "$MIGC" import "postgresql://postgres:Secr3tPw@$PGHOST:$PGPORT/$pdb" "$SCRATCH/proj"
    err_has "has no tables or views to import"
    err_has "postgresql://postgres:***@"
    if grep -q Secr3tPw "$SCRATCH/.out" "$SCRATCH/.err"; then fail "the password was printed"; fi
    nothing_written "empty database"
    url="postgresql://postgres:Secr3tPw@$PGHOST:$PGPORT/$pdb"
    run_sql() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$pdb" -c "$1" >/dev/null; }
    ;;
*) echo "$0: dialect must be sqlite or postgres" >&2; exit 2 ;;
esac

# bad usage: exit 2
expect 2 "no URL" "$MIGC" import
err_has "migc import: error: missing the database URL"
expect 2 "bad revision id" "$MIGC" import "$url" "$SCRATCH/proj" --rev-id 'a b'
err_has 'invalid revision id'
expect 2 "not a URL" "$MIGC" import "mysql://x/y" "$SCRATCH/proj"
err_has "migc import: error: "
nothing_written "bad usage"

# An Alembic-managed database that migc also ran once: neither version
# table is imported; Alembic's revision is the default id.
run_sql "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)" || fail "setup"
run_sql "INSERT INTO alembic_version VALUES ('1f2e3d4c5b6a')" || fail "setup"
run_sql "CREATE TABLE migc_version (version_num VARCHAR(32) NOT NULL)" || fail "setup"
run_sql "CREATE TABLE migc_version_applied (revision VARCHAR(32) NOT NULL)" || fail "setup"
run_sql "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)" || fail "setup"
expect 0 "alembic database" "$MIGC" import "$url" "$SCRATCH/proj"
mig=$SCRATCH/proj/versions/1f2e3d4c5b6a_initial_schema.mig
[ -f "$mig" ] || { show_file stdout "$SCRATCH/.out"; fail "the revision id is not alembic_version's row"; }
grep -q -- "--version-table alembic_version" "$SCRATCH/.out" || { show_file stdout "$SCRATCH/.out"; fail "no --version-table hint"; }
grep -qi "alembic_version\|migc_version" "$mig" "$SCRATCH/proj/models.schema" && fail "a version table was imported"
grep -q "create table items" "$mig" || fail "items was not imported"
if grep -q Secr3tPw "$SCRATCH/.out" "$SCRATCH/.err"; then fail "the password was printed"; fi
# The migrator built as the hint says finds the database at its head
# (migc's own tables, there only to be left out, go first).
run_sql "DROP TABLE migc_version" && run_sql "DROP TABLE migc_version_applied" || fail "drop"
expect 0 "build" "$MIGC" build "$SCRATCH/proj" --version-table alembic_version -o "$SCRATCH/m" --dialect "$dialect"
expect 0 "check" "$SCRATCH/m" --database-url "$url" check
grep -q "schema matches" "$SCRATCH/.out" || { show_file stdout "$SCRATCH/.out"; fail "check did not pass"; }

# DIR already holds migrations: refused, nothing written
expect 1 "existing project" "$MIGC" import "$url" "$SCRATCH/proj" --rev-id other
err_has "\"$SCRATCH/proj\" already holds migrations"
[ ! -e "$SCRATCH/proj/versions/other_initial_schema.mig" ] || fail "wrote into an existing project"
echo "ok: import errors on $dialect"
