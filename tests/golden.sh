#!/bin/bash
# golden.sh sqlite|postgres DIR
#
# Diffs `migc sql DIR --dialect D head` with DIR/D.sql. After a deliberate
# change of output, tests/golden/update rewrites the files for review.
set -u
. "$(dirname "$0")/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 sqlite|postgres DIR" >&2; exit 2; }
dialect=$1 dir=$2
want=$dir/$dialect.sql
[ -f "$want" ] || fail "$want is missing: run tests/golden/update and review the new file"

make_scratch
"$MIGC" sql "$dir" --dialect "$dialect" head >"$SCRATCH/got.sql" 2>"$SCRATCH/stderr"
rc=$?
if [ $rc -ne 0 ]; then
    show_file "stderr of: migc sql $dir --dialect $dialect head" "$SCRATCH/stderr"
    fail "migc sql $dir --dialect $dialect head exited with $rc"
fi
if ! diff -u --label "$want (expected)" --label "migc sql $dir --dialect $dialect head (actual)" \
        "$want" "$SCRATCH/got.sql" >"$SCRATCH/diff"; then
    cat "$SCRATCH/diff" >&2
    fail "the SQL differs from $want; if the change is intended, run tests/golden/update and review the diff"
fi
echo "ok: $want matches"
