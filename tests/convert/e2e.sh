#!/bin/bash
# e2e.sh sqlite|postgres HISTORY
#
# A real Alembic history, converted and run both ways on fresh databases
# (SQLite files, or databases on the PostgreSQL server of
# tests/pg_fixture.sh). HISTORY/versions holds the Alembic revision files
# (only what they need to run: alembic and sqlalchemy),
# HISTORY/differences.DIALECT the expected differences between the two
# schemas, each explained (a history Alembic can run on PostgreSQL only
# has no differences.sqlite, and is not run on SQLite).
#   1. migc convert alembic HISTORY/versions: no placeholder may be left,
#      and migc check must pass;
#   2. migc build --version-table alembic_version;
#   3. Alembic itself (Debian's python3-alembic) upgrades database A to
#      heads; the migrator upgrades database B to heads; the schema dumps
#      (sqlite_dump.sh, pg_dump.sh; version tables left out) are compared;
#   4. both downgrade to base, and are compared again (both must be empty);
#   5. the migrator reads A, the database Alembic left at heads, through
#      the same version table: `current` must name Alembic's heads and
#      nothing may be pending.
# The differences of step 3 and 4 must be exactly those listed in
# HISTORY/differences.DIALECT ("head:" or "base:" then the diff line,
# in any order; lines starting with # explain the ones below them).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 sqlite|postgres HISTORY" >&2; exit 2; }
dialect=$1 dir=$2
export LC_ALL=C
SQLITE3=${MIGC_SQLITE3:-sqlite3}
PYTHON=${MIGC_PYTHON:-/usr/bin/python3}
make_scratch

# new NAME: sets URL (for Alembic, SQLAlchemy's form), MURL (for the
# migrator) and DB (for dump) to a fresh database.
case $dialect in
sqlite)
    . "$here/sqlite_dump.sh"
    new() { DB=$SCRATCH/$1.db URL=sqlite:///$SCRATCH/$1.db MURL=sqlite:///$SCRATCH/$1.db; }
    dump_raw() { sqlite_dump "$1"; }
    version_rows() { "$SQLITE3" "$1" 'SELECT version_num FROM alembic_version ORDER BY 1'; }
    ;;
postgres)
    . "$here/pg_dump.sh"
    pg_setup
    "$PYTHON" -c 'import psycopg2' 2>/dev/null ||
        fail "$PYTHON cannot import psycopg2: install python3-psycopg2 (scripts/setup-deps does)"
    new() {
        pg_new "$1"
        URL=postgresql+psycopg2://$PGUSER@$PGHOST:$PGPORT/$DB
        MURL=postgresql://$PGUSER@$PGHOST:$PGPORT/$DB
    }
    dump_raw() { pg_dump_schema "$1"; }
    version_rows() { "$PSQL" -X -q -A -t -d "$1" -c 'SELECT version_num FROM alembic_version ORDER BY 1'; }
    ;;
*) echo "$0: dialect must be sqlite or postgres, not \"$dialect\"" >&2; exit 2 ;;
esac

"$PYTHON" -c 'import alembic' 2>/dev/null ||
    fail "$PYTHON cannot import alembic: install python3-alembic (scripts/setup-deps does)"

"$MIGC" convert alembic "$dir/versions" "$SCRATCH/mig/versions" >"$SCRATCH/convert.out" 2>&1 ||
    { cat "$SCRATCH/convert.out" >&2; fail "migc convert alembic $dir/versions failed"; }
grep -q 'UNRESOLVED:' "$SCRATCH"/mig/versions/*.mig &&
    { cat "$SCRATCH/convert.out" >&2; fail "the conversion left placeholders"; }
# A history with PostgreSQL's own types is checked and built as the
# conversion's summary says.
targets=()
grep -q 'with --dialect postgres$' "$SCRATCH/convert.out" && targets=(--dialect postgres)
"$MIGC" check "${targets[@]}" "$SCRATCH/mig" >"$SCRATCH/check.out" 2>&1 ||
    { cat "$SCRATCH/check.out" >&2; fail "migc check of the converted history failed"; }
"$MIGC" build "${targets[@]}" "$SCRATCH/mig" -o "$SCRATCH/migrate" --version-table alembic_version \
    >"$SCRATCH/build.out" 2>&1 ||
    { cat "$SCRATCH/build.out" >&2; fail "migc build of the converted history failed"; }

alembic() {   # alembic URL VERB TARGET
    "$PYTHON" "$here/convert/alembic_run.py" "$dir/versions" "$1" "$2" "$3" \
        >"$SCRATCH/alembic.out" 2>&1 ||
        { cat "$SCRATCH/alembic.out" >&2; fail "alembic $2 $3 failed"; }
}
migrate() {   # migrate URL ARGS...
    local url=$1
    shift
    "$SCRATCH/migrate" --database-url "$url" "$@" >"$SCRATCH/migrate.out" 2>&1 ||
        { cat "$SCRATCH/migrate.out" >&2; fail "the migrator's $* failed"; }
}
dump() {   # dump DB OUT: the sorted schema, version tables left out
    dump_raw "$1" >"$SCRATCH/dump.raw" || fail "could not dump $1"
    grep -v 'alembic_version' "$SCRATCH/dump.raw" | sort >"$2"
}

: >"$SCRATCH/got"
new alembic
A=$DB A_URL=$URL A_MURL=$MURL
new migc
B=$DB B_MURL=$MURL
for step in head base; do
    if [ $step = head ]; then
        alembic "$A_URL" upgrade heads
        migrate "$B_MURL" upgrade heads
    else
        alembic "$A_URL" downgrade base
        migrate "$B_MURL" downgrade base
    fi
    dump "$A" "$SCRATCH/a.$step"
    dump "$B" "$SCRATCH/b.$step"
    diff "$SCRATCH/a.$step" "$SCRATCH/b.$step" | grep '^[<>]' | sed "s/^/$step: /" >>"$SCRATCH/got"
    if [ $step = head ]; then
        # The database Alembic upgraded, read by the migrator.
        alembic_heads=$(version_rows "$A")
        migrate "$A_MURL" current
        migc_heads=$(sed 's/ (head)$//' "$SCRATCH/migrate.out" | sort)
        [ "$alembic_heads" = "$migc_heads" ] ||
            fail "the migrator reads Alembic's database at \"$migc_heads\", Alembic wrote \"$alembic_heads\""
        migrate "$A_MURL" upgrade heads
        dump "$A" "$SCRATCH/a.again"
        cmp -s "$SCRATCH/a.head" "$SCRATCH/a.again" ||
            fail "upgrade heads on Alembic's database at heads changed it"
    fi
done
[ -s "$SCRATCH/a.base" ] && { cat "$SCRATCH/a.base" >&2; fail "Alembic's downgrade base left objects"; }

want=$dir/differences.$dialect
grep -v '^#' "$want" | grep -v '^$' | sort >"$SCRATCH/want"
sort -o "$SCRATCH/got" "$SCRATCH/got"
if ! diff -u --label "$want (expected, comments left out)" --label "Alembic (<) vs migc (>)" \
        "$SCRATCH/want" "$SCRATCH/got" >&2; then
    fail "the schemas differ otherwise than $want explains"
fi
echo "ok: $dir on $dialect: $(ls "$dir/versions" | wc -l) revisions, schemas equal but for $(wc -l <"$SCRATCH/want") explained lines"
