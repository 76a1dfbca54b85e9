#!/bin/bash
# bench/migrator_bench.sh
#
# How fast a migrator runs a long history: builds the migrator of a linear
# history of 1,000 migrations (bench/gen_history.awk) and measures, best
# of three runs on fresh databases:
#   SQLite: upgrade head, downgrade base, upgrade head --transaction all,
#     each against "the limit": the sqlite3 shell running the very same
#     statements, transactions and bookkeeping (the migrator's own --sql
#     output) from one file; and current on an up-to-date database against
#     the sqlite3 shell reading the version table, with its peak memory.
#   PostgreSQL: upgrade head against psql running the --sql output, on a
#     throwaway server (tests/pg_fixture.sh, stopped by its pid at the end).
# Prints Markdown tables beside the targets (SQLite within 1.1x of the
# limit, current within 1.0x of sqlite3 and under 10 MB, PostgreSQL within
# 1.15x) and the migrator's size; exits 1 when a target is missed. migc is
# $MIGC, else build/compiler/migc.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
MIGC=${MIGC:-build/compiler/migc}
N=${N:-1000}
RUNS=${RUNS:-3}
[ -x "$MIGC" ] || { echo "no migc at $MIGC: build first, or set MIGC" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed" >&2; exit 1; }
[ -x /usr/bin/time ] || "$root/scripts/setup-deps" time || exit 1

work=$(mktemp -d -t migc-mbench.XXXXXX) || exit 1
export MIGC_PG_STATE=$work/pg.env
cleanup() {
    [ -f "$MIGC_PG_STATE" ] && bash "$root/tests/pg_fixture.sh" stop >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/h"
awk -v n="$N" -v dir="$work/h" -f "$root/bench/gen_history.awk" || exit 1
"$MIGC" build "$work/h" -o "$work/bench-migrate" >/dev/null || { echo "migc build failed" >&2; exit 1; }
M=$work/bench-migrate
cd "$work" || exit 1

. "$root/bench/timing.sh"
rows=()
missed=0
# row WHAT OURS LIMIT TARGET: a table row with the ratio against the target.
row() {
    local line ok
    line=$(awk -v w="$1" -v a="$2" -v b="$3" -v t="$4" 'BEGIN {
        r = b > 0 ? a / b : 0
        printf "| %s | %d ms | %d ms | %.2fx | %.2fx | %s |", w, a, b, r, t, (r <= t ? "ok" : "MISSED") }')
    rows+=("$line")
    case $line in *MISSED*) missed=1 ;; esac
}

# ---- SQLite ---------------------------------------------------------------
export DATABASE_URL=sqlite:///bench.db
"$M" upgrade --sql >up.sql
"$M" downgrade --sql head:base >down.sql
"$M" upgrade --sql --transaction all >all.sql

best 'rm -f bench.db' '"$M" upgrade -q'; ours=$ms
best 'rm -f lim.db' 'sqlite3 -bail lim.db <up.sql'; lim=$ms
row "SQLite upgrade head ($N migrations)" "$ours" "$lim" 1.1
best 'rm -f bench.db && "$M" upgrade -q' '"$M" downgrade base -q'; ours=$ms
best 'rm -f lim.db && sqlite3 -bail lim.db <up.sql' 'sqlite3 -bail lim.db <down.sql'; lim=$ms
row "SQLite downgrade base" "$ours" "$lim" 1.1
best 'rm -f bench.db' '"$M" upgrade -q --transaction all'; ours=$ms
best 'rm -f lim.db' 'sqlite3 -bail lim.db <all.sql'; lim=$ms
row "SQLite upgrade head --transaction all" "$ours" "$lim" 1.1
rm -f bench.db && "$M" upgrade -q
RUNS=$((RUNS * 3))
best true '"$M" current'; ours=$ms
best true 'sqlite3 bench.db "SELECT version_num FROM migc_version"'; lim=$ms
RUNS=$((RUNS / 3))
row "SQLite current (up to date)" "$ours" "$lim" 1.0
/usr/bin/time -f %M -o rss "$M" current >/dev/null
rss_kb=$(tail -n1 rss)

# ---- PostgreSQL -----------------------------------------------------------
bash "$root/tests/pg_fixture.sh" start >pg.log 2>&1 || { cat pg.log >&2; echo "could not start PostgreSQL" >&2; exit 1; }
PG_BIN= PGHOST= PGPORT= PGUSER=
. "$MIGC_PG_STATE"
export PGHOST PGPORT PGUSER
psql() { "$PG_BIN/psql" -X -q "$@"; }
fresh_pg() { psql -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null; }
export DATABASE_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/bench"
"$M" upgrade --sql >pg_up.sql
best 'fresh_pg bench' '"$M" upgrade -q'; ours=$ms
best 'fresh_pg lim' 'psql -v ON_ERROR_STOP=1 -d lim -f pg_up.sql'; lim=$ms
row "PostgreSQL upgrade head ($N migrations)" "$ours" "$lim" 1.15

# ---- report ---------------------------------------------------------------
echo "| run | migrator | limit | ratio | target | |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
awk -v kb="$rss_kb" 'BEGIN { printf "| current peak memory | %.1f MB | target under 10 MB | %s |\n", kb / 1024, (kb < 10240 ? "ok" : "MISSED") }'
[ "$rss_kb" -lt 10240 ] || missed=1
echo "| migrator size ($N migrations) | $(( $(stat -c %s "$M") / 1024 )) KB | | |"
echo
echo "limit: the sqlite3 shell / psql running the migrator's own --sql output (same statements, transactions and bookkeeping) from one file"
exit $missed
