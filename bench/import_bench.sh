#!/bin/bash
# bench/import_bench.sh [TABLES]
#
# How fast `migc import` adopts a large database: builds a database of
# TABLES tables (default 1,000; each with a primary key, a unique
# constraint, a check, a default, two indexes and a foreign key to the
# table before it) on SQLite and on a throwaway PostgreSQL server
# (tests/pg_fixture.sh), imports each three times, and prints a Markdown
# table of the best wall time and its peak resident memory beside
# `pg_dump --schema-only` of the same PostgreSQL database. Targets: under
# 2 s and 100 MB. A benchmark, not a test: it exits 1 only when a command
# fails. migc is $MIGC, else build/compiler/migc (scripts/build makes it).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
MIGC=$(realpath "${MIGC:-build/compiler/migc}")
n=${1:-1000}
[ -x "$MIGC" ] || { echo "no migc at $MIGC: run scripts/build first, or set MIGC" >&2; exit 1; }
[ -x /usr/bin/time ] || "$root/scripts/setup-deps" time || exit 1

if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    work=$(mktemp -d -p /dev/shm migc-import-bench.XXXXXX) || exit 1
else
    work=$(mktemp -d -t migc-import-bench.XXXXXX) || exit 1
fi
chmod 711 "$work" || exit 1
export MIGC_PG_STATE=$work/pg.env
cleanup() {
    [ -f "$MIGC_PG_STATE" ] && bash "$root/tests/pg_fixture.sh" stop >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The schema, as plain SQL both databases take.
{
    echo "BEGIN;"
    for i in $(seq 1 "$n"); do
        ref=""
        [ "$i" -gt 1 ] && ref=", parent_id INTEGER REFERENCES t$((i - 1)) (id) ON DELETE CASCADE"
        echo "CREATE TABLE t$i (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE, score INTEGER DEFAULT 0 CHECK (score >= 0), created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP$ref);"
        echo "CREATE INDEX ix_t${i}_created ON t$i (created_at);"
        echo "CREATE INDEX ix_t${i}_score ON t$i (score) WHERE score > 0;"
    done
    echo "COMMIT;"
} >"$work/schema.sql"

# measure LABEL CMD...: best of three; prints a table row.
measure() {
    local label=$1 best= mb= run t0 t rss
    shift
    for run in 1 2 3; do
        rm -rf "$work/proj"
        t0=$(date +%s%N)
        if ! /usr/bin/time -f '%M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr"; then
            head -n 20 "$work/stderr" >&2
            echo "failed: $*" >&2
            exit 1
        fi
        t=$(( ($(date +%s%N) - t0) / 1000000 ))
        rss=$(tail -n 1 "$work/time")
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t mb=$rss; fi
    done
    printf '| %s | %d.%03d s | %d MB |\n' "$label" $((best / 1000)) $((best % 1000)) $((mb / 1024))
}

sqlite3 "$work/db.sqlite" <"$work/schema.sql" || exit 1
TMPDIR=$work MIGC_PG_SERVER_OPTIONS="-c max_locks_per_transaction=1024" \
    bash "$root/tests/pg_fixture.sh" start >"$work/pg.log" 2>&1 || { cat "$work/pg.log" >&2; exit 1; }
PG_BIN= PGHOST= PGPORT= PGUSER=
. "$MIGC_PG_STATE"
export PGHOST PGPORT PGUSER
"$PG_BIN/psql" -X -q -d postgres -c "CREATE DATABASE bench" || exit 1
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d bench -f "$work/schema.sql" >/dev/null || exit 1
PG_DUMP=$PG_BIN/pg_dump
[ -x "$PG_DUMP" ] || PG_DUMP=pg_dump

echo "migc import of $n tables (each: 2 indexes, a unique, a check, a foreign key); best of 3"
echo
echo "| what | time (target < 2 s) | peak memory (target < 100 MB) |"
echo "|---|---|---|"
measure "migc import, SQLite" "$MIGC" import "sqlite:///$work/db.sqlite" "$work/proj"
measure "migc import, PostgreSQL" "$MIGC" import "postgresql://$PGUSER@$PGHOST:$PGPORT/bench" "$work/proj"
measure "pg_dump --schema-only, PostgreSQL" "$PG_DUMP" --schema-only -d bench -f "$work/dump.sql"
