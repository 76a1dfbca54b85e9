#!/bin/bash
# bench/compare.sh [--quick] [--sizes N,N...] [--out DIR] [--report-only]
#                  [--update-docs]
#
# migc beside Alembic and dbmate, measured side by side in one run on this
# machine. It installs what it needs (Alembic, SQLAlchemy, psycopg2,
# hyperfine, gnuplot and time from Debian's packages; dbmate from the npm
# registry into a cache outside the repository, $MIGC_BENCH_CACHE, else
# ~/.cache/migc-bench), generates the same history for every tool
# (bench/gen_history.awk for migc, bench/compare/gen_tools.awk for the
# others, checked to hold the very SQL migc renders), and measures with
# hyperfine, as medians, on SQLite and on a throwaway PostgreSQL server
# (tests/pg_fixture.sh):
#   upgrade head from an empty database, downgrade base back, and the status
#   command (current / status) on an up-to-date database; peak memory
#   (/usr/bin/time); what must be installed to run each tool; and "the
#   limit": the sqlite3 shell / psql running the migrator's own --sql output
#   (the same statements, transactions and bookkeeping) from one file.
# Also migc check, migc build and the migrator at 1,000 against 10,000
# migrations (near-linear growth).
#
# N = 100, 1,000 and 10,000 (--quick: 100 and 1,000, fewer runs; --sizes
# picks others). Prints
# the Markdown report (tables and targets) and writes it to
# DIR/results.md with the chart DIR/time_vs_n.png (DIR: docs/bench).
# SQLite files live on tmpfs (/dev/shm) and the server runs with
# fsync=off, so the figures are the tools' cost, not this disk's.
# migc is $MIGC, else build/compiler/migc (built when missing).
# --report-only redraws the report and the chart from the last run's data,
# kept in the cache (with notes.md, the profiles of missed targets, as it
# now reads).
# --update-docs puts the machine, the chart and the tables into
# docs/performance.md, between its "bench:compare" markers (the README
# keeps the chart and a summary written by hand).
# Exits 1 when a step fails; a missed target is reported, not an error.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1

quick=0 report_only=0 update_docs=0 sizes_arg=
out=$root/docs/bench
while [ $# -gt 0 ]; do
    case $1 in
    --quick) quick=1 ;;
    --report-only) report_only=1 ;;
    --update-docs) update_docs=1 ;;
    --sizes) sizes_arg=$2; shift ;;
    --out) out=$2; shift ;;
    -h | --help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument \"$1\" (try --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ $quick -eq 1 ]; then
    NS=(100 1000) RUNS=2 STATUS_RUNS=5
else
    NS=(100 1000 10000) RUNS=3 STATUS_RUNS=10
fi
[ -n "$sizes_arg" ] && read -r -a NS <<<"${sizes_arg//,/ }"
BIG=10000       # at this size each slow command runs once
fail() { echo "compare.sh: $*" >&2; exit 1; }
say() { echo "compare.sh: $*" >&2; }

# docs_section PLOTDIR: docs/performance.md's text between the markers
# replaced by the report's PLOTDIR/section.md.
docs_section() {
    [ $update_docs -eq 1 ] || return 0
    local readme=$root/docs/performance.md begin='<!-- bench:compare:begin -->' end='<!-- bench:compare:end -->'
    grep -qxF "$begin" "$readme" && grep -qxF "$end" "$readme" || fail "docs/performance.md has no $begin / $end markers"
    awk -v begin="$begin" -v end="$end" -v section="$1/section.md" '
        $0 == begin { print; while ((getline line < section) > 0) print line; skip = 1; next }
        $0 == end { skip = 0 }
        !skip' "$readme" >"$readme.new" && mv "$readme.new" "$readme" || fail "could not update docs/performance.md"
    say "updated docs/performance.md"
}

# ---- what the benchmark needs ---------------------------------------------
PY=/usr/bin/python3     # Debian's interpreter, which sees python3-alembic
cache=${MIGC_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/migc-bench}
export MIGC_BENCH_CACHE=$cache
if [ $report_only -eq 1 ]; then
    last=$cache/last-run
    [ -f "$last/results.tsv" ] || fail "no kept run in $last: run the benchmark first"
    plot=$(mktemp -d) || exit 1
    trap 'rm -rf "$plot"' EXIT
    mkdir -p "$out" &&
        $PY "$root/bench/compare/report.py" "$last/results.tsv" "$last/sizes.tsv" "$last/machine.tsv" "$plot" >"$out/results.md" &&
        gnuplot -e "dir='$plot'; out='$out/time_vs_n.png'" "$root/bench/compare/time_vs_n.gp" || fail "the report failed"
    docs_section "$plot"
    cat "$out/results.md"
    exit 0
fi
missing=()
$PY -c 'import alembic' 2>/dev/null || missing+=(python3-alembic)
$PY -c 'import sqlalchemy' 2>/dev/null || missing+=(python3-sqlalchemy)
$PY -c 'import psycopg2' 2>/dev/null || missing+=(python3-psycopg2)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/time ] || missing+=(time)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
    if [ "$(id -u)" -ne 0 ]; then
        sudo -n true 2>/dev/null || fail "missing packages; run as root: apt-get install -y ${missing[*]}"
        apt=(sudo -n "${apt[@]}")
    fi
    say "installing ${missing[*]}"
    "${apt[@]}" update -qq && "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        fail "could not install ${missing[*]}"
fi
DBMATE=$(find "$cache/node_modules/@dbmate" -path '*/bin/dbmate' -type f 2>/dev/null | head -n1)
if [ -z "$DBMATE" ]; then
    say "installing dbmate from the npm registry into $cache"
    mkdir -p "$cache" && npm install --prefix "$cache" --no-audit --no-fund --silent dbmate >/dev/null ||
        fail "npm install dbmate failed"
    DBMATE=$(find "$cache/node_modules/@dbmate" -path '*/bin/dbmate' -type f | head -n1)
fi
# The platform package's binary itself: the npm wrapper would add a node start.
"$DBMATE" --version >/dev/null 2>&1 || fail "the dbmate binary ($DBMATE) does not run"

MIGC=${MIGC:-$root/build/compiler/migc}
if [ ! -x "$MIGC" ]; then
    say "building migc"
    "$root/scripts/build" >/dev/null || fail "the build failed"
fi
[ -x "$MIGC" ] || fail "no migc at $MIGC"
MIGC=$(cd "$(dirname "$MIGC")" && pwd)/$(basename "$MIGC")

# tmpfs when there is one: the disk's fsync would otherwise be measured.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    work=$(mktemp -d -p /dev/shm migc-compare.XXXXXX) || exit 1
else
    work=$(mktemp -d -t migc-compare.XXXXXX) || exit 1
fi
# The server's cluster lives below it too, owned by the postgres user.
chmod 711 "$work" || exit 1
export MIGC_PG_STATE=$work/pg.env
cleanup() {
    [ -f "$MIGC_PG_STATE" ] && bash "$root/tests/pg_fixture.sh" stop >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
mkdir -p "$work/json" "$work/rss" "$work/times" "$work/db" "$work/log"
results=$work/results.tsv       # tool db n op runs median_s rss_kb
: >"$results"
: >"$work/tags"                 # tag tool db n op, in the order measured

# The server's cluster on tmpfs, without autovacuum and with checkpoints
# spaced out: background writes from earlier runs would otherwise land in
# later runs' times (a spread of +-25% here). More lock slots let one
# transaction create 10,000 tables (--transaction all; the default holds
# 64 per connection, and psql and the migrator alike then fail with "out
# of shared memory").
TMPDIR=$work MIGC_PG_SERVER_OPTIONS="-c autovacuum=off -c max_wal_size=8GB -c checkpoint_timeout=1h -c max_locks_per_transaction=1024" \
    bash "$root/tests/pg_fixture.sh" start >"$work/log/pg.log" 2>&1 || { cat "$work/log/pg.log" >&2; fail "could not start PostgreSQL"; }
PG_BIN= PGHOST= PGPORT= PGUSER=
. "$MIGC_PG_STATE"
export PG_BIN PGHOST PGPORT PGUSER
PG_URL="postgresql://$PGUSER@$PGHOST:$PGPORT"
DB_SH=$root/bench/compare/db.sh
start_all=$(date +%s)
load_start=$(cut -d' ' -f1 /proc/loadavg)

# ---- measuring ------------------------------------------------------------
# q WORD...: the words quoted for hyperfine's shell-less (-N) splitting.
q() { printf '%q ' "$@"; }

# measure TOOL DB N OP PREPARE CMD...: one timed run of CMD (hyperfine,
# PREPARE before it, untimed); appends its time to $work/times/TAG and its
# peak resident memory to $work/rss/TAG. Each size runs in rounds that
# call it once per tool in turn, so that a busy moment on the machine
# spreads over every tool instead of landing on one tool's runs; medians
# are taken at the end (summarize). Upgrades and downgrades run under
# /usr/bin/time inside the timed command (the same fork for every tool,
# well under a millisecond against runs of tenths of seconds at least).
# Status commands, a few milliseconds long, run $STATUS_RUNS times after
# warm-up runs, timed bare, their memory taken in one more run.
measure() {
    local tool=$1 db=$2 n=$3 op=$4 prep=$5 tag json rss cmd runs=1 warmup=0 t
    shift 5
    tag=$tool.$db.$n.$op
    json=$work/json/$tag.json rss=$work/rss/$tag
    cut -f1 "$work/tags" | grep -qxF "$tag" ||
        printf '%s\t%s\t%s\t%s\t%s\n' "$tag" "$tool" "$db" "$n" "$op" >>"$work/tags"
    if [ "$op" = status ]; then
        runs=$STATUS_RUNS warmup=2
        # Alembic's current reads every revision file: 40 s at 10,000.
        if [ "$tool" = alembic ] && [ "$n" -ge $BIG ]; then
            runs=1 warmup=0
        fi
        cmd=$(q "$@")
        hyperfine -N --style basic --warmup $warmup --runs $runs --export-json "$json" "$cmd" \
            >"$work/log/$tag" 2>&1 || { cat "$work/log/$tag" >&2; fail "$tool $op failed on $db (N=$n)"; }
        /usr/bin/time -f %M -a -o "$rss" "$@" >/dev/null 2>&1 || fail "$tool $op failed on $db (N=$n)"
    else
        cmd=$(q /usr/bin/time -f %M -a -o "$rss" "$@")
        hyperfine -N --style basic --runs 1 --prepare "$prep" --export-json "$json" "$cmd" \
            >"$work/log/$tag" 2>&1 || { cat "$work/log/$tag" >&2; fail "$tool $op failed on $db (N=$n)"; }
    fi
    t=$($PY -c 'import json,sys; print("\n".join("%.6f" % t for t in json.load(open(sys.argv[1]))["results"][0]["times"]))' "$json") ||
        fail "could not read $json"
    echo "$t" >>"$work/times/$tag"
    say "$(printf '%-10s %-8s N=%-6s %-9s %9.3f s  %6.1f MB' "$tool" "$db" "$n" "$op" \
        "$(echo "$t" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" "$(awk -v k="$(sort -n "$rss" | tail -n1)" 'BEGIN{print k/1024}')")"
}

# summarize: the medians, run counts and peak memory of every measured
# command, in the order first measured, into $results.
summarize() {
    $PY - "$work/tags" "$work/times" "$work/rss" >"$results" <<'PY' || fail "could not summarize the runs"
import os, statistics, sys
tags, times, rss = sys.argv[1:4]
for line in open(tags):
    tag, tool, db, n, op = line.rstrip("\n").split("\t")
    t = [float(x) for x in open(os.path.join(times, tag)) if x.strip()]
    kb = [int(x) for x in open(os.path.join(rss, tag)) if x.strip().isdigit()]
    print("\t".join([tool, db, n, op, str(len(t)), "%.6f" % statistics.median(t), str(max(kb or [0]))]))
PY
}

# sql_only FILE: the SQL statements of migc's rendering, without comments,
# transaction statements and blank lines, to compare with the other tools'.
sql_only() {
    grep -v -e '^--' -e '^BEGIN;$' -e '^COMMIT;$' -e '^$' "$1"
}

# ---- one size -------------------------------------------------------------
run_size() {
    local n=$1 h=$work/h$n slow_runs=$RUNS d dialect
    [ "$n" -ge $BIG ] && slow_runs=1
    # dbmate's downgrade base is N processes (it rolls back one migration
    # per call), minutes at 1,000: once from there on.
    local dbmate_down_runs=$RUNS
    [ "$n" -ge 1000 ] && dbmate_down_runs=1
    mkdir -p "$h/mig"
    awk -v n="$n" -v dir="$h/mig" -f "$root/bench/gen_history.awk" || fail "gen_history.awk failed"
    for d in sqlite pg; do
        dialect=$d
        [ $d = pg ] && dialect=postgres
        mkdir -p "$h/alembic-$d/versions" "$h/dbmate-$d"
        cp "$root/bench/compare/alembic/env.py" "$root/bench/compare/alembic/alembic.ini" "$h/alembic-$d/"
        awk -v n="$n" -v dir="$h/alembic-$d" -v tool=alembic -v dialect=$dialect -f "$root/bench/compare/gen_tools.awk" &&
            awk -v n="$n" -v dir="$h/dbmate-$d" -v tool=dbmate -v dialect=$dialect -f "$root/bench/compare/gen_tools.awk" ||
            fail "gen_tools.awk failed"
        # Every tool runs the very statements migc renders: checked here.
        "$MIGC" sql "$h/mig" --dialect $dialect head >"$h/up-$d.mig.sql" &&
            "$MIGC" sql "$h/mig" --dialect $dialect head:base >"$h/down-$d.mig.sql" || fail "migc sql failed"
        sed -n '/^-- migrate:up$/,/^-- migrate:down$/p' "$h/dbmate-$d"/*.sql | sql_only /dev/stdin |
            cmp -s - <(sql_only "$h/up-$d.mig.sql") || fail "the generated dbmate upgrade SQL differs from migc's ($dialect, N=$n)"
        for f in $(ls "$h/dbmate-$d" | sort -r); do
            sed -n '/^-- migrate:down$/,$p' "$h/dbmate-$d/$f"
        done | sql_only /dev/stdin | cmp -s - <(sql_only "$h/down-$d.mig.sql") ||
            fail "the generated dbmate downgrade SQL differs from migc's ($dialect, N=$n)"
        # What a user has after Alembic's first run: compiled scripts.
        $PY -m compileall -q "$h/alembic-$d/versions" >/dev/null || fail "compileall failed"
    done

    local round
    # Seconds even at 10,000: every round, as the 12x growth target reads
    # their medians.
    for ((round = 1; round <= RUNS; round++)); do
        measure migc-check - "$n" check true "$MIGC" check "$h/mig"
        measure migc-build - "$n" build true "$MIGC" build "$h/mig" -o "$h/migrate"
    done
    local M=$h/migrate
    stat -c %s "$M" >"$h/size"
    readelf -d "$M" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | paste -sd' ' >"$h/needed"

    # ---- SQLite
    local db=$work/db sd="sqlite" f
    cd "$db" || exit 1
    "$M" upgrade --sql --database-url sqlite:///x.db >"$h/up.sql" &&
        "$M" upgrade --sql --transaction all --database-url sqlite:///x.db >"$h/all.sql" &&
        "$M" downgrade --sql head:base --database-url sqlite:///x.db >"$h/down.sql" &&
        "$M" downgrade --sql head:base --transaction all --database-url sqlite:///x.db >"$h/down-all.sql" ||
        fail "the migrator's --sql failed"
    if [ "$n" -lt $BIG ]; then
        for ((round = 1; round <= RUNS; round++)); do
            say "N=$n, SQLite, round $round of $RUNS"
            f=lim$n.db
            measure limit $sd "$n" upgrade "$(q "$DB_SH" reset sqlite $f)" sqlite3 -bail $f ".read $h/up.sql"
            "$DB_SH" save sqlite $f
            measure limit $sd "$n" downgrade "$(q "$DB_SH" restore sqlite $f)" sqlite3 -bail $f ".read $h/down.sql"
            f=lima$n.db
            measure limit-all $sd "$n" upgrade "$(q "$DB_SH" reset sqlite $f)" sqlite3 -bail $f ".read $h/all.sql"
            "$DB_SH" save sqlite $f
            measure limit-all $sd "$n" downgrade "$(q "$DB_SH" restore sqlite $f)" sqlite3 -bail $f ".read $h/down-all.sql"
            f=migc$n.db
            measure migc $sd "$n" upgrade "$(q "$DB_SH" reset sqlite $f)" "$M" upgrade -q --database-url sqlite:///$f
            "$DB_SH" save sqlite $f
            measure migc $sd "$n" downgrade "$(q "$DB_SH" restore sqlite $f)" "$M" downgrade base -q --database-url sqlite:///$f
            "$DB_SH" restore sqlite $f
            f=migca$n.db
            measure migc-all $sd "$n" upgrade "$(q "$DB_SH" reset sqlite $f)" "$M" upgrade -q --transaction all --database-url sqlite:///$f
            "$DB_SH" save sqlite $f
            measure migc-all $sd "$n" downgrade "$(q "$DB_SH" restore sqlite $f)" "$M" downgrade base -q --transaction all --database-url sqlite:///$f
            f=alembic$n.db
            measure alembic $sd "$n" upgrade "$(q "$DB_SH" reset sqlite $f)" $PY -m alembic -c "$h/alembic-sqlite/alembic.ini" -x url=sqlite:///$f upgrade head
            "$DB_SH" save sqlite $f
            measure alembic $sd "$n" downgrade "$(q "$DB_SH" restore sqlite $f)" $PY -m alembic -c "$h/alembic-sqlite/alembic.ini" -x url=sqlite:///$f downgrade base
            "$DB_SH" restore sqlite $f
            f=dbmate$n.db
            measure dbmate $sd "$n" upgrade "$(q "$DB_SH" reset sqlite $f)" "$DBMATE" --url sqlite:$f -d "$h/dbmate-sqlite" --no-dump-schema migrate
            "$DB_SH" save sqlite $f
            if [ $round -le $dbmate_down_runs ]; then
                measure dbmate $sd "$n" downgrade "$(q "$DB_SH" restore sqlite $f)" "$root/bench/compare/dbmate_down.sh" "$n" "$DBMATE" --url sqlite:$f -d "$h/dbmate-sqlite" --no-dump-schema
                "$DB_SH" restore sqlite $f
            fi
        done
    else
        # SQLite's own DDL cost grows with the schema (each ALTER re-reads
        # it): the limit alone runs 10,000 upgrades in well over 5 minutes,
        # so at this size the status commands read databases whose
        # bookkeeping says "up to date" (what they read), made by stamping.
        f=migc$n.db
        "$M" stamp head -q --database-url sqlite:///$f || fail "migc stamp failed"
        f=alembic$n.db
        $PY -m alembic -c "$h/alembic-sqlite/alembic.ini" -x url=sqlite:///$f stamp head >/dev/null 2>&1 || fail "alembic stamp failed"
        f=dbmate$n.db
        { echo 'CREATE TABLE IF NOT EXISTS "schema_migrations" (version varchar(128) primary key);'
          echo 'BEGIN;'
          for ((i = 1; i <= n; i++)); do printf "INSERT INTO schema_migrations VALUES ('%06d');\n" $i; done
          echo 'COMMIT;'; } | sqlite3 -bail $f || fail "could not prepare dbmate's table"
    fi
    measure limit $sd "$n" status true sqlite3 migc$n.db "SELECT version_num FROM migc_version"
    measure migc $sd "$n" status true "$M" current --database-url sqlite:///migc$n.db
    measure alembic $sd "$n" status true $PY -m alembic -c "$h/alembic-sqlite/alembic.ini" -x url=sqlite:///alembic$n.db current
    measure dbmate $sd "$n" status true "$DBMATE" --url sqlite:dbmate$n.db -d "$h/dbmate-sqlite" status
    rm -f ./*.db ./*.saved

    # ---- PostgreSQL
    local pg="postgres" psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1)
    local dburl="postgres://$PGUSER@$PGHOST:$PGPORT/dbmate?sslmode=disable"
    "$M" upgrade --sql --database-url "$PG_URL/x" >"$h/pgup.sql" &&
        "$M" downgrade --sql head:base --database-url "$PG_URL/x" >"$h/pgdown.sql" &&
        "$M" upgrade --sql --transaction all --database-url "$PG_URL/x" >"$h/pgall.sql" ||
        fail "the migrator's --sql failed"
    for ((round = 1; round <= slow_runs; round++)); do
        say "N=$n, PostgreSQL, round $round of $slow_runs"
        measure limit $pg "$n" upgrade "$(q "$DB_SH" reset postgres lim)" "${psql[@]}" -d lim -f "$h/pgup.sql"
        "$DB_SH" save postgres lim
        measure limit $pg "$n" downgrade "$(q "$DB_SH" restore postgres lim)" "${psql[@]}" -d lim -f "$h/pgdown.sql"
        "$DB_SH" restore postgres lim
        measure limit-all $pg "$n" upgrade "$(q "$DB_SH" reset postgres lima)" "${psql[@]}" -d lima -f "$h/pgall.sql"
        measure migc $pg "$n" upgrade "$(q "$DB_SH" reset postgres migc)" "$M" upgrade -q --database-url "$PG_URL/migc"
        "$DB_SH" save postgres migc
        measure migc $pg "$n" downgrade "$(q "$DB_SH" restore postgres migc)" "$M" downgrade base -q --database-url "$PG_URL/migc"
        "$DB_SH" restore postgres migc
        measure migc-all $pg "$n" upgrade "$(q "$DB_SH" reset postgres migca)" "$M" upgrade -q --transaction all --database-url "$PG_URL/migca"
        measure alembic $pg "$n" upgrade "$(q "$DB_SH" reset postgres alembic)" $PY -m alembic -c "$h/alembic-pg/alembic.ini" -x url="$PG_URL/alembic" upgrade head
        "$DB_SH" save postgres alembic
        measure alembic $pg "$n" downgrade "$(q "$DB_SH" restore postgres alembic)" $PY -m alembic -c "$h/alembic-pg/alembic.ini" -x url="$PG_URL/alembic" downgrade base
        "$DB_SH" restore postgres alembic
        measure dbmate $pg "$n" upgrade "$(q "$DB_SH" reset postgres dbmate)" "$DBMATE" --url "$dburl" -d "$h/dbmate-pg" --no-dump-schema migrate
        # One process per migration: at 10,000 that is 10,000 processes
        # each reading 10,000 files, beyond the time box.
        if [ "$n" -lt $BIG ] && [ $round -le $dbmate_down_runs ]; then
            "$DB_SH" save postgres dbmate
            measure dbmate $pg "$n" downgrade "$(q "$DB_SH" restore postgres dbmate)" "$root/bench/compare/dbmate_down.sh" "$n" "$DBMATE" --url "$dburl" -d "$h/dbmate-pg" --no-dump-schema
            "$DB_SH" restore postgres dbmate
        fi
    done
    measure limit $pg "$n" status true "${psql[@]}" -A -t -d lim -c "SELECT version_num FROM migc_version"
    measure migc $pg "$n" status true "$M" current --database-url "$PG_URL/migc"
    measure alembic $pg "$n" status true $PY -m alembic -c "$h/alembic-pg/alembic.ini" -x url="$PG_URL/alembic" current
    measure dbmate $pg "$n" status true "$DBMATE" --url "$dburl" -d "$h/dbmate-pg" status
    for f in lim lima migc migca alembic dbmate; do
        "$PG_BIN/psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS $f" -c "DROP DATABASE IF EXISTS ${f}_saved" >/dev/null
    done
    cd "$root" || exit 1
    # Keep only what the report reads.
    find "$h" -mindepth 1 -maxdepth 1 ! -name size ! -name needed ! -name migrate -exec rm -rf {} +
}

for n in "${NS[@]}"; do
    say "N=$n"
    run_size "$n"
done
summarize

# ---- sizes and the machine ------------------------------------------------
# installed_kb PACKAGE...: the installed size of the packages and of all they
# depend on, less what the C library itself pulls in (every tool needs that).
closure() {
    apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
        --no-breaks --no-replaces --no-enhances "$@" 2>/dev/null | grep -v '^ ' | grep -v '^<' | sort -u
}
installed_kb() {
    comm -23 <(closure "$@") <(closure libc6) |
        xargs -r dpkg-query -W -f '${Installed-Size}\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}
sizes=$work/sizes.tsv   # what kB detail
{
    for n in "${NS[@]}"; do
        printf 'migc migrator, N=%s\t%s\tone file; needs %s\n' "$n" $(( $(cat "$work/h$n/size") / 1024 )) \
            "$(sed 's/ /, /g' "$work/h$n/needed")"
    done
    printf 'migc migrator on PostgreSQL\t+%s\tlibpq5 and what it needs, opened when a PostgreSQL URL is used\n' "$(installed_kb libpq5)"
    printf 'Alembic on SQLite\t%s\tpython3, python3-alembic, python3-sqlalchemy and their dependencies (Debian packages, installed size)\n' \
        "$(installed_kb python3-alembic python3-sqlalchemy)"
    printf 'Alembic on PostgreSQL\t%s\tthe same and python3-psycopg2 (with libpq5)\n' \
        "$(installed_kb python3-alembic python3-sqlalchemy python3-psycopg2)"
    printf 'dbmate\t%s\tone statically linked file (npm package: %s kB with its wrapper)\n' \
        $(( $(stat -c %s "$DBMATE") / 1024 )) "$(du -sk "$cache/node_modules" | cut -f1)"
} >"$sizes"
{
    echo "cpu	$(lscpu | sed -n 's/^Model name: *//p' | head -n1)"
    echo "cores	$(nproc)"
    echo "ram	$(free -g | awk '/^Mem:/ { print $2 " GB" }')"
    echo "os	Debian $(cat /etc/debian_version), kernel $(uname -r)"
    echo "migc	$("$MIGC" --version 2>&1 | head -n1)$(git -C "$root" rev-parse --short HEAD 2>/dev/null | sed 's/.*/ (commit &)/')"
    echo "alembic	Alembic $($PY -c 'import alembic; print(alembic.__version__)'), SQLAlchemy $($PY -c 'import sqlalchemy; print(sqlalchemy.__version__)'), psycopg2 $($PY -c 'import psycopg2; print(psycopg2.__version__.split()[0])'), Python $($PY -c 'import platform; print(platform.python_version())')"
    echo "dbmate	$("$DBMATE" --version)"
    echo "sqlite3	SQLite $(sqlite3 --version | cut -d' ' -f1)"
    echo "postgres	$("$PG_BIN/postgres" --version)"
    echo "hyperfine	$(hyperfine --version)"
    echo "load	load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 minutes) at the end, on $(nproc) cores"
    echo "quick	$quick"
    echo "minutes	$(( ($(date +%s) - start_all + 59) / 60 ))"
} >"$work/machine.tsv"

mkdir -p "$out" || exit 1
$PY "$root/bench/compare/report.py" "$results" "$sizes" "$work/machine.tsv" "$work/plot" >"$out/results.md" ||
    fail "the report failed"
gnuplot -e "dir='$work/plot'; out='$out/time_vs_n.png'" "$root/bench/compare/time_vs_n.gp" ||
    fail "gnuplot failed"
docs_section "$work/plot"
cat "$out/results.md"
