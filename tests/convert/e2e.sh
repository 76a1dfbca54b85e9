#!/bin/bash
# e2e.sh HISTORY
#
# A real Alembic history, converted and run both ways on fresh SQLite
# databases. HISTORY/versions holds the Alembic revision files (only what
# they need to run: alembic and sqlalchemy), HISTORY/differences the
# expected differences between the two schemas, each explained.
#   1. migc convert alembic HISTORY/versions: no placeholder may be left,
#      and migc check must pass;
#   2. migc build --version-table alembic_version;
#   3. Alembic itself (Debian's python3-alembic) upgrades database A to
#      heads; the migrator upgrades database B to heads; the schema dumps
#      (sqlite_dump.sh, version tables left out) are compared;
#   4. both downgrade to base, and are compared again (both must be empty);
#   5. the migrator reads A, the database Alembic left at heads, through
#      the same version table: `current` must name Alembic's heads and
#      nothing may be pending.
# The differences of step 3 and 4 must be exactly those listed in
# HISTORY/differences ("head:" or "base:" then the diff line; lines
# starting with # explain the one below them).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/common.sh"

[ $# -eq 1 ] || { echo "usage: $0 HISTORY" >&2; exit 2; }
dir=$1
export LC_ALL=C
SQLITE3=${MIGC_SQLITE3:-sqlite3}
PYTHON=${MIGC_PYTHON:-/usr/bin/python3}
. "$here/sqlite_dump.sh"
make_scratch

"$PYTHON" -c 'import alembic' 2>/dev/null ||
    fail "$PYTHON cannot import alembic: install python3-alembic (scripts/setup-deps does)"

"$MIGC" convert alembic "$dir/versions" "$SCRATCH/mig/versions" >"$SCRATCH/convert.out" 2>&1 ||
    { cat "$SCRATCH/convert.out" >&2; fail "migc convert alembic $dir/versions failed"; }
grep -q 'UNRESOLVED:' "$SCRATCH"/mig/versions/*.mig &&
    { cat "$SCRATCH/convert.out" >&2; fail "the conversion left placeholders"; }
"$MIGC" check "$SCRATCH/mig" >"$SCRATCH/check.out" 2>&1 ||
    { cat "$SCRATCH/check.out" >&2; fail "migc check of the converted history failed"; }
"$MIGC" build "$SCRATCH/mig" -o "$SCRATCH/migrate" --version-table alembic_version \
    >"$SCRATCH/build.out" 2>&1 ||
    { cat "$SCRATCH/build.out" >&2; fail "migc build of the converted history failed"; }

alembic() {   # alembic DB VERB TARGET
    "$PYTHON" "$here/convert/alembic_run.py" "$dir/versions" "sqlite:///$1" "$2" "$3" \
        >"$SCRATCH/alembic.out" 2>&1 ||
        { cat "$SCRATCH/alembic.out" >&2; fail "alembic $2 $3 failed"; }
}
migrate() {   # migrate DB ARGS...
    local db=$1
    shift
    "$SCRATCH/migrate" --database-url "sqlite:///$db" "$@" >"$SCRATCH/migrate.out" 2>&1 ||
        { cat "$SCRATCH/migrate.out" >&2; fail "the migrator's $* failed"; }
}
dump() {   # dump DB OUT: the sorted schema, version tables left out
    sqlite_dump "$1" >"$SCRATCH/dump.raw" || fail "could not dump $1"
    grep -v 'alembic_version' "$SCRATCH/dump.raw" | sort >"$2"
}

: >"$SCRATCH/got"
for step in head base; do
    if [ $step = head ]; then
        alembic "$SCRATCH/a.db" upgrade heads
        migrate "$SCRATCH/b.db" upgrade heads
    else
        alembic "$SCRATCH/a.db" downgrade base
        migrate "$SCRATCH/b.db" downgrade base
    fi
    dump "$SCRATCH/a.db" "$SCRATCH/a.$step"
    dump "$SCRATCH/b.db" "$SCRATCH/b.$step"
    diff "$SCRATCH/a.$step" "$SCRATCH/b.$step" | grep '^[<>]' | sed "s/^/$step: /" >>"$SCRATCH/got"
    if [ $step = head ]; then
        # The database Alembic upgraded, read by the migrator.
        alembic_heads=$("$SQLITE3" "$SCRATCH/a.db" 'SELECT version_num FROM alembic_version ORDER BY 1')
        migrate "$SCRATCH/a.db" current
        migc_heads=$(sed 's/ (head)$//' "$SCRATCH/migrate.out" | sort)
        [ "$alembic_heads" = "$migc_heads" ] ||
            fail "the migrator reads Alembic's database at \"$migc_heads\", Alembic wrote \"$alembic_heads\""
        migrate "$SCRATCH/a.db" upgrade heads
        dump "$SCRATCH/a.db" "$SCRATCH/a.again"
        cmp -s "$SCRATCH/a.head" "$SCRATCH/a.again" ||
            fail "upgrade heads on Alembic's database at heads changed it"
    fi
done
[ -s "$SCRATCH/a.base" ] && { cat "$SCRATCH/a.base" >&2; fail "Alembic's downgrade base left objects"; }

grep -v '^#' "$dir/differences" | grep -v '^$' >"$SCRATCH/want"
if ! diff -u --label "$dir/differences (expected, comments left out)" --label "Alembic (<) vs migc (>)" \
        "$SCRATCH/want" "$SCRATCH/got" >&2; then
    fail "the schemas differ otherwise than $dir/differences explains"
fi
echo "ok: $dir: $(ls "$dir/versions" | wc -l) revisions, schemas equal but for $(wc -l <"$SCRATCH/want") explained lines"
