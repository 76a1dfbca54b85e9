#!/bin/bash
# exec_history.sh sqlite|postgres DIR
#
# Runs the migrations of DIR on a real database and checks that the live
# schema is what migc says it is:
#   1. `migc sql DIR --dialect D head` on a fresh database A;
#   2. `migc schema DIR --dialect D` (the compiler's expected schema) on a
#      fresh database B; the schema dumps of A and B must be equal;
#   3. `migc sql DIR --dialect D head:base` on A: A must hold no object;
#   4. the upgrade again on A: its dump must equal the one of step 1.
# A dump is a sorted text form of the live catalog (tables, columns with
# types, nullability and defaults, constraints, indexes, foreign keys, views,
# triggers); column order is not part of it (LANGUAGE.md: a column added back
# comes last).
#
# SQLite: databases are temporary files run through the sqlite3 shell with
# -bail ($MIGC_SQLITE3, default sqlite3). PostgreSQL: fresh databases on the
# server that tests/pg_fixture.sh started, found through the state file
# $MIGC_PG_STATE; statements run with psql -v ON_ERROR_STOP=1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 sqlite|postgres DIR" >&2; exit 2; }
dialect=$1 dir=$2
[ -d "$dir" ] || fail "no such directory: $dir"
export LC_ALL=C
make_scratch

# ---- SQLite ----------------------------------------------------------------

SQLITE3=${MIGC_SQLITE3:-sqlite3}

sqlite_new() {   # sqlite_new NAME: sets DB to a fresh database (a file path)
    DB=$SCRATCH/$1.db
    rm -f "$DB"
}

sqlite_apply() {   # sqlite_apply DB FILE: exit status of the run, output in $SCRATCH/apply.log
    "$SQLITE3" -bail -batch "$1" <"$2" >"$SCRATCH/apply.log" 2>&1
}

# sqlite_dump DB: in sqlite_dump.sh, shared with tests/convert.
. "$here/sqlite_dump.sh"

# ---- PostgreSQL ------------------------------------------------------------

# pg_setup, pg_new, pg_apply, pg_dump_schema: in pg_dump.sh, shared with
# tests/convert.
. "$here/pg_dump.sh"

# ---- the test --------------------------------------------------------------

case $dialect in
sqlite)
    new=sqlite_new apply=sqlite_apply dump=sqlite_dump
    command -v "$SQLITE3" >/dev/null || fail "the sqlite3 shell ($SQLITE3) is not installed"
    ;;
postgres)
    new=pg_new apply=pg_apply dump=pg_dump_schema
    pg_setup
    ;;
*) echo "$0: dialect must be sqlite or postgres, not \"$dialect\"" >&2; exit 2 ;;
esac

# run_migc OUT ARGS...: migc ARGS > OUT, failing the test when migc fails.
run_migc() {
    local out=$1
    shift
    if ! "$MIGC" "$@" >"$out" 2>"$SCRATCH/migc.err"; then
        show_file "stderr of: migc $*" "$SCRATCH/migc.err"
        fail "migc $* failed"
    fi
}

# apply DB FILE WHAT: run the SQL, failing with the database's message and
# the SQL around the line it names.
apply() {
    if ! $apply "$1" "$2"; then
        show_file "$dialect's output" "$SCRATCH/apply.log"
        echo "--- the SQL ($3), numbered ---" >&2
        cat -n "$2" | head -n 400 >&2
        fail "$dialect rejected the SQL of $3"
    fi
}

# same WHAT1 FILE1 WHAT2 FILE2 WHY
same() {
    if ! diff -u --label "$1" --label "$3" "$2" "$4" >"$SCRATCH/diff"; then
        cat "$SCRATCH/diff" >&2
        fail "$5"
    fi
}

dump_sorted() {
    if ! $dump "$1" >"$2.raw" 2>"$SCRATCH/dump.err"; then
        show_file "errors" "$SCRATCH/dump.err"
        fail "could not read the schema of the $dialect database $1"
    fi
    sort "$2.raw" >"$2"
}

up="migc sql $dir --dialect $dialect head"
down="migc sql $dir --dialect $dialect head:base"
schema="migc schema $dir --dialect $dialect"
run_migc "$SCRATCH/up.sql" sql "$dir" --dialect "$dialect" head
run_migc "$SCRATCH/down.sql" sql "$dir" --dialect "$dialect" head:base
run_migc "$SCRATCH/schema.sql" schema "$dir" --dialect "$dialect"

$new live
live=$DB
apply "$live" "$SCRATCH/up.sql" "$up"
dump_sorted "$live" "$SCRATCH/live.dump"

$new expected
expected=$DB
apply "$expected" "$SCRATCH/schema.sql" "$schema"
dump_sorted "$expected" "$SCRATCH/expected.dump"
same "schema built from: $schema" "$SCRATCH/expected.dump" \
     "live schema after: $up" "$SCRATCH/live.dump" \
     "the live $dialect schema after the upgrade differs from the schema migc expects (- expected, + live)"

apply "$live" "$SCRATCH/down.sql" "$down"
dump_sorted "$live" "$SCRATCH/down.dump"
if [ -s "$SCRATCH/down.dump" ]; then
    echo "--- left in the database after: $down ---" >&2
    cat "$SCRATCH/down.dump" >&2
    fail "the downgrade to base left objects in the $dialect database"
fi

apply "$live" "$SCRATCH/up.sql" "$up (after the downgrade)"
dump_sorted "$live" "$SCRATCH/again.dump"
same "live schema after the first upgrade" "$SCRATCH/live.dump" \
     "live schema after downgrade and upgrade" "$SCRATCH/again.dump" \
     "upgrading again after the downgrade to base gives a different $dialect schema"

# Every revision on the way down: downgrading from the heads to R must
# leave exactly the schema migc gives for R (what the derived and written
# downgrades restore, one revision at a time), and upgrading back to the
# heads must give the first schema again. A revision of one side of a
# merge is left out: downgrading to it keeps the other side applied (the
# revisions it reverts are those above its children, as in Alembic), so
# the database is not at R alone.
run_migc "$SCRATCH/history" history "$dir"
nrevs=$(grep -c ' -> ' "$SCRATCH/history")
steps=0
for rev in $(sed -n 's/^.* -> \([A-Za-z0-9_]*\).*/\1/p' "$SCRATCH/history"); do
    grep -q "^\(.* -> \)\?$rev\( ([a-z, ]*)\)* (head)" "$SCRATCH/history" && continue
    run_migc "$SCRATCH/to.sql" sql "$dir" --dialect "$dialect" "heads:$rev"
    run_migc "$SCRATCH/from_base.sql" sql "$dir" --dialect "$dialect" "$rev"
    reverted=$(grep -c '^-- Running downgrade ' "$SCRATCH/to.sql")
    below=$(grep -c '^-- Running upgrade ' "$SCRATCH/from_base.sql")
    [ $((reverted + below)) -eq "$nrevs" ] || continue
    steps=$((steps + 1))
    run_migc "$SCRATCH/back.sql" sql "$dir" --dialect "$dialect" "$rev:heads"
    run_migc "$SCRATCH/at.sql" schema "$dir" --at "$rev" --dialect "$dialect"
    apply "$live" "$SCRATCH/to.sql" "migc sql $dir --dialect $dialect heads:$rev"
    dump_sorted "$live" "$SCRATCH/at_live.dump"
    $new "at_$rev"
    apply "$DB" "$SCRATCH/at.sql" "migc schema $dir --at $rev --dialect $dialect"
    dump_sorted "$DB" "$SCRATCH/at_expected.dump"
    same "schema built from: migc schema --at $rev" "$SCRATCH/at_expected.dump" \
         "live schema after downgrading to $rev" "$SCRATCH/at_live.dump" \
         "downgrading to revision $rev leaves a $dialect schema other than migc's for $rev (- expected, + live)"
    apply "$live" "$SCRATCH/back.sql" "migc sql $dir --dialect $dialect $rev:heads"
    dump_sorted "$live" "$SCRATCH/back.dump"
    same "live schema after the first upgrade" "$SCRATCH/live.dump" \
         "live schema after downgrading to $rev and upgrading back" "$SCRATCH/back.dump" \
         "upgrading back from $rev gives a different $dialect schema"
done

echo "ok: $dir on $dialect: upgrade matches migc schema ($(wc -l <"$SCRATCH/live.dump") catalog lines), downgrade to base leaves nothing, upgrade again matches, and so does each of $steps revisions on the way down"
