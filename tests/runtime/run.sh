#!/bin/bash
# Runs one runtime test case (a bash script using the helpers below) in a
# fresh temporary directory, removed afterwards, on the dialect $DIALECT
# (sqlite, the default, or postgres). A case fails on the first
# expectation that does not hold, saying what differed.
#
# The test database is named by DATABASE_URL, which every migrator the
# case runs reads: a file test.db in the directory (SQLite), or a fresh
# database on the server of the ctest fixture (PostgreSQL; the state file
# $MIGC_PG_STATE written by tests/pg_fixture.sh says where), dropped at
# the end whatever happens. q, tables and dump read that database.
set -u
case_file=$1
DIALECT=${DIALECT:-sqlite}
work=$(mktemp -d)
PG_DB=
cleanup() {
    local db
    for db in ${PG_DB:+"$PG_DB"} ${PG_MORE[@]+"${PG_MORE[@]}"}; do
        "$PSQL" -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1
    done
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1
unset DATABASE_URL PGDATABASE PGPASSWORD PGSERVICE PGOPTIONS

case $DIALECT in
sqlite)
    export DATABASE_URL=sqlite:///test.db
    ;;
postgres)
    state=${MIGC_PG_STATE:-}
    [ -n "$state" ] && [ -f "$state" ] || { echo "FAIL: no PostgreSQL server: the state file \"$state\" of the pg fixture is missing (run through ctest)" >&2; exit 1; }
    PG_BIN= PGHOST= PGPORT= PGUSER=
    . "$state"
    export PGHOST PGPORT PGUSER PGCONNECT_TIMEOUT=10
    PSQL=$PG_BIN/psql
    PG_DB=migc_rt_$(basename "$case_file" .sh | cut -c1-30)_$$
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$PG_DB\" TEMPLATE template0" >"$work/.createdb" 2>&1 ||
        { cat "$work/.createdb" >&2; echo "FAIL: could not create the database $PG_DB" >&2; exit 1; }
    export DATABASE_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$PG_DB"
    ;;
*) echo "FAIL: DIALECT must be sqlite or postgres, not \"$DIALECT\"" >&2; exit 1 ;;
esac

fail() {
    echo "FAIL: $*" >&2
    echo "--- last command: ${last_cmd:-}" >&2
    echo "--- its stdout:" >&2
    cat "$work/.out" >&2 2>/dev/null
    echo "--- its stderr:" >&2
    cat "$work/.err" >&2 2>/dev/null
    exit 1
}

# run RC CMD...: runs CMD, keeps its stdout and stderr, checks its status.
# A migrator (the demo, or one a case built here: ./NAME) runs under
# $MIGC_MIGRATOR_WRAPPER when that is set (the memcheck test's valgrind).
run() {
    local want=$1
    shift
    last_cmd="$*"
    local wrap=()
    if [ -n "${MIGC_MIGRATOR_WRAPPER:-}" ] && { [ "$1" = "${DEMO:-}" ] || [[ $1 == ./* ]]; }; then
        read -r -a wrap <<<"$MIGC_MIGRATOR_WRAPPER"
    fi
    "${wrap[@]}" "$@" >"$work/.out" 2>"$work/.err"
    local got=$?
    [ "$got" = "$want" ] || fail "exit status $got, expected $want"
}
out() { cat "$work/.out"; }
err() { cat "$work/.err"; }
expect_out() { grep -qF -- "$1" "$work/.out" || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" "$work/.err" || fail "stderr lacks: $1"; }
expect_no_out() { grep -qF -- "$1" "$work/.out" && fail "stdout has: $1"; true; }
expect_no_err() { grep -qF -- "$1" "$work/.err" && fail "stderr has: $1"; true; }
expect_out_is() {
    [ "$(cat "$work/.out")" = "$1" ] || fail "stdout is not: $1"
}
# q SQL: the result of a query (or statements) on the test database, one
# row a line, columns separated by |.
q() {
    if [ "$DIALECT" = postgres ]; then
        "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -d "$PG_DB" -c "$1"
    else
        "$SQLITE3" test.db "$1"
    fi
}
expect_q() {
    local got
    got=$(q "$1")
    [ "$got" = "$2" ] || fail "query '$1' gave '$got', expected '$2'"
}
# The version table's rows, sorted, comma-separated.
versions() { q "SELECT version_num FROM migc_version ORDER BY 1" | paste -sd, -; }
expect_versions() {
    local got
    got=$(versions)
    [ "$got" = "$1" ] || fail "the version table holds '$got', expected '$1'"
}
# The tables of the test database (its current schema), sorted.
tables() {
    if [ "$DIALECT" = postgres ]; then
        q "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
    else
        q "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    fi | paste -sd, -
}
# The whole schema as text, to compare before and after.
dump() {
    if [ "$DIALECT" = postgres ]; then
        q "SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1;
           SELECT schemaname || ' ' || indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog') ORDER BY 1;
           SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace::regnamespace::text NOT IN ('pg_catalog') ORDER BY 1"
    else
        "$SQLITE3" test.db .schema
    fi
}
# other_db NAME: sets OTHER_URL to another database of the test's dialect
# (SQLite: the file NAME.db here; PostgreSQL: a fresh database on the
# server, dropped at the end like the first).
PG_MORE=()
other_db() {
    if [ "$DIALECT" = postgres ]; then
        local db=${PG_DB}_$1
        "$PSQL" -X -q -d postgres -c "CREATE DATABASE \"$db\" TEMPLATE template0" >/dev/null || fail "could not create database $db"
        PG_MORE+=("$db")
        OTHER_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$db"
    else
        OTHER_URL="sqlite:///$1.db"
    fi
}
# Empties the test database.
reset_db() {
    if [ "$DIALECT" = postgres ]; then
        q "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1 || fail "could not empty $PG_DB"
    else
        rm -f test.db
    fi
}
sqlite_only() { [ "$DIALECT" = sqlite ]; }
postgres_only() { [ "$DIALECT" = postgres ]; }

# The .mig project the migc-built cases use (a copy they may edit).
project() {
    rm -rf "$work/project"
    cp -r "$RUNTIME_TESTS/project" "$work/project"
}

# The drift cases' project (drift/: tables with every kind of column,
# constraint, index and a view), built as ./m and upgraded to head, where
# check finds nothing.
drift_project() {
    rm -rf "$work/drift"
    cp -r "$RUNTIME_TESTS/drift" "$work/drift"
    run 0 "$MIGC" build drift -o m
    run 0 ./m upgrade
    run 0 ./m check
    expect_out "OK: the database is at 001 and its schema matches"
}
# expect_drift LINE JSON: check --json exits 3 with JSON in its drift
# array, and check exits 3 saying LINE (after "schema drift: ") on stderr.
expect_drift() {
    run 3 ./m check --json
    expect_out "$2"
    run 3 ./m check
    expect_err "schema drift: $1"
}
# expect_err_count N: the last run printed N drift lines.
expect_err_count() {
    local n
    n=$(grep -c "^schema drift: " "$work/.err")
    [ "$n" = "$1" ] || fail "$n drift lines, expected $1"
}
# sqlite_edit TABLE FROM TO: changes what SQLite knows of TABLE by
# editing its stored CREATE statement (FROM replaced by TO), as a table
# rebuilt by hand would leave it: SQLite cannot alter a column's type,
# nullability or default, nor a constraint, in place.
sqlite_edit() {
    "$SQLITE3" test.db "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, '${2//\'/\'\'}', '${3//\'/\'\'}') WHERE type = 'table' AND name = '$1'; PRAGMA writable_schema = OFF;" ||
        fail "could not edit the schema of table $1"
    "$SQLITE3" test.db "SELECT sql FROM sqlite_master WHERE name = '$1'" | grep -qF -- "$3" ||
        fail "the schema of table $1 does not hold: $3"
}

. "$case_file"
echo "ok ($DIALECT)"
