#!/bin/bash
# import/roundtrip.sh sqlite|postgres DIR
#
# Adopting a database, end to end: the migrations of DIR are applied to a
# fresh database ORIG (its migrator, built by migc); `migc import` reads
# ORIG into a new project; that project's migrator upgrades a fresh
# database NEW to head. Then:
#   1. the catalog dumps of ORIG and NEW (version tables aside) are equal;
#   2. after `stamp head`, the new migrator's own `check` against ORIG
#      exits 0 and says the schema matches;
#   3. importing NEW gives the same migration as importing ORIG (the
#      schema read back is the same).
# DIR/warn.DIALECT, when present, names (one a line) the objects the
# import must warn about, as written into sql blocks (steps 2 and 3 are
# then skipped: what a sql block creates is unknown to the model, so the
# check reports it); without it, the import must warn about nothing.
# DIR/no_check.DIALECT skips step 2 and says why.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 sqlite|postgres DIR" >&2; exit 2; }
dialect=$1 dir=$2
[ -d "$dir" ] || fail "no such directory: $dir"
warns=()
[ -f "$dir/warn.$dialect" ] && mapfile -t warns <"$dir/warn.$dialect"
export LC_ALL=C
make_scratch

SQLITE3=${MIGC_SQLITE3:-sqlite3}
. "$here/sqlite_dump.sh"
. "$here/pg_dump.sh"

case $dialect in
sqlite)
    new_db() { DB=$SCRATCH/$1.db; rm -f "$DB"; URL=sqlite:///$DB; }
    dump() { sqlite_dump "$1"; }
    ;;
postgres)
    pg_setup
    new_db() { pg_new "$1"; URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$DB"; }
    dump() { pg_dump_schema "$1"; }
    ;;
*) echo "$0: dialect must be sqlite or postgres" >&2; exit 2 ;;
esac

run() {   # run WHAT CMD...: CMD must succeed
    local what=$1
    shift
    if ! "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; then
        show_file "stdout" "$SCRATCH/out"
        show_file "stderr" "$SCRATCH/err"
        fail "$what failed"
    fi
}

run "migc build $dir" "$MIGC" build "$dir" -o "$SCRATCH/orig-migrate" --dialect "$dialect"
new_db orig
orig_db=$DB orig_url=$URL
run "upgrade of the original" "$SCRATCH/orig-migrate" --database-url "$orig_url" -q upgrade head

run "migc import" "$MIGC" import "$orig_url" "$SCRATCH/proj" --rev-id imported
cp "$SCRATCH/err" "$SCRATCH/import.err"
grep -q "^imported .* into $SCRATCH/proj/versions/imported_initial_schema.mig" "$SCRATCH/out" ||
    { show_file stdout "$SCRATCH/out"; fail "migc import did not say what it wrote"; }
grep -q "stamp head" "$SCRATCH/out" || fail "migc import did not print the next steps"
if [ ${#warns[@]} -eq 0 ]; then
    [ -s "$SCRATCH/import.err" ] && { show_file stderr "$SCRATCH/import.err"; fail "migc import warned"; }
else
    for w in "${warns[@]}"; do
        grep -q "warning: .* \"$w\" is imported as a sql $dialect block" "$SCRATCH/import.err" ||
            { show_file stderr "$SCRATCH/import.err"; fail "no warning naming \"$w\""; }
        grep -qi "sql $dialect" "$SCRATCH/proj/versions/imported_initial_schema.mig" ||
            fail "no sql block in the imported migration"
    done
fi
[ -f "$SCRATCH/proj/models.schema" ] || fail "no models.schema written"
# models.schema holds the same schema: autogenerate finds nothing to do.
run "migc revision --autogenerate" "$MIGC" revision "$SCRATCH/proj" -m next --autogenerate \
    --dialect "$dialect"
grep -q "^No changes" "$SCRATCH/out" || { show_file stdout "$SCRATCH/out"; fail "models.schema differs from the imported migration"; }

run "migc build of the imported project" "$MIGC" build "$SCRATCH/proj" -o "$SCRATCH/new-migrate" --dialect "$dialect"
new_db new
new_db_=$DB new_url=$URL
run "upgrade of a fresh database" "$SCRATCH/new-migrate" --database-url "$new_url" -q upgrade head

dump "$orig_db" | grep -v 'migc_version' | sort >"$SCRATCH/orig.dump"
dump "$new_db_" | grep -v 'migc_version' | sort >"$SCRATCH/new.dump"
if ! diff -u "$SCRATCH/orig.dump" "$SCRATCH/new.dump" >"$SCRATCH/dump.diff"; then
    show_file "original vs imported-then-migrated" "$SCRATCH/dump.diff"
    fail "the imported project does not create the original schema"
fi

if [ ${#warns[@]} -eq 0 ] && [ -f "$dir/no_check.$dialect" ]; then
    echo "skipping the check: $(cat "$dir/no_check.$dialect")"
elif [ ${#warns[@]} -eq 0 ]; then
    run "stamp" "$SCRATCH/new-migrate" --database-url "$orig_url" -q stamp --purge head
    run "check against the original" "$SCRATCH/new-migrate" --database-url "$orig_url" check
    grep -q "schema matches" "$SCRATCH/out" || { show_file stdout "$SCRATCH/out"; fail "check did not say the schema matches"; }
    run "import of the new database" "$MIGC" import "$new_url" "$SCRATCH/again" --rev-id imported
    if ! diff -u "$SCRATCH/proj/versions/imported_initial_schema.mig" \
        "$SCRATCH/again/versions/imported_initial_schema.mig" >"$SCRATCH/again.diff"; then
        show_file "import of the original vs of the new database" "$SCRATCH/again.diff"
        fail "the schema read back differs"
    fi
fi
echo "ok: $dir on $dialect"
