#!/bin/bash
# autogen.sh sqlite|postgres CASE_DIR
#
# One model change, end to end. CASE_DIR holds before.schema and
# after.schema (two models), an optional expect (lines that must appear
# in the generated migration) and an optional dialects (the dialects the
# project targets, given to migc as --dialect; default both). In a
# scratch project:
#   1. migc revision --autogenerate from before.schema writes revision 001
#      (from base), and from after.schema revision 002: the change itself;
#   2. migc schema of the project must equal migc schema of a project
#      generated from after.schema alone: the head is the model;
#   3. tests/exec_history.sh runs the project on a real database of the
#      dialect: the live schema after the upgrade equals migc's, 002's
#      derived downgrade gives back exactly the live schema of 001 (the
#      previous model), the downgrades take it back to nothing, and the
#      upgrade again gives the same schema;
#   4. migc check passes on the project (the downgrade round trip), and
#      check -Werror fails on nothing but the warnings the change raises.
# A case for one database lists it in its file `dialects`: every command
# then targets that dialect, and the schemas are compared as its SQL.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 sqlite|postgres CASE_DIR" >&2; exit 2; }
dialect=$1 case_dir=$2
[ -f "$case_dir/before.schema" ] || fail "$case_dir/before.schema is missing"
[ -f "$case_dir/after.schema" ] || fail "$case_dir/after.schema is missing"
make_scratch

run() {   # run WHAT ARGS...: migc ARGS, failing with its stderr
    local what=$1
    shift
    if ! "$MIGC" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; then
        show_file "stdout" "$SCRATCH/out"
        show_file "stderr" "$SCRATCH/err"
        fail "$what: migc $* failed"
    fi
}

targets=()
if [ -f "$case_dir/dialects" ]; then
    for d in $(cat "$case_dir/dialects"); do
        targets+=(--dialect "$d")
    done
fi
# A project for one dialect compares its schemas as that dialect's SQL.
schema_as=()
[ ${#targets[@]} -eq 2 ] && schema_as=("${targets[@]}")

proj=$SCRATCH/$(basename "$case_dir")
mkdir -p "$proj/versions" "$SCRATCH/model/versions"
run "the starting schema" revision "$proj" -m before --rev-id 001 --autogenerate --model "$case_dir/before.schema" "${targets[@]}"
run "the change" revision "$proj" -m after --rev-id 002 --autogenerate --model "$case_dir/after.schema" "${targets[@]}"
gen=$(cat "$SCRATCH/out")
[ -f "$gen" ] || fail "migc revision did not print the path of the file it wrote (got \"$gen\")"
cp "$SCRATCH/err" "$SCRATCH/change.err"

if [ -f "$case_dir/expect" ]; then
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        grep -qF -- "$line" "$gen" "$SCRATCH/change.err" || {
            show_file "$gen" "$gen"
            show_file "stderr" "$SCRATCH/change.err"
            fail "the generated migration and migc's stderr lack: $line"
        }
    done <"$case_dir/expect"
fi

# 2. The head is the model.
run "the model alone" revision "$SCRATCH/model" -m model --rev-id 001 --autogenerate --model "$case_dir/after.schema" "${targets[@]}"
run "the head's schema" schema "$proj" "${schema_as[@]}"
cp "$SCRATCH/out" "$SCRATCH/head.schema"
run "the model's schema" schema "$SCRATCH/model" "${schema_as[@]}"
if ! diff -u --label "model" --label "head after the generated migration" "$SCRATCH/out" "$SCRATCH/head.schema"; then
    show_file "$gen" "$gen"
    fail "the schema after the generated migration differs from the model"
fi

# 3. On a real database.
"$here/exec_history.sh" "$dialect" "$proj" || { show_file "$gen" "$gen"; fail "the generated migration does not execute as migc says on $dialect"; }

# 4. migc check proves, for every revision, that its downgrade (002's is
#    derived unless the generator had to write it) restores the schema
#    before it; exec_history ran it on the database above.
run "the check" check "$proj" "${targets[@]}"
# 5. A generated file passes check -Werror but for the warnings the change
#    is meant to raise: a lint rule (named in brackets) and a derived
#    downgrade that cannot give data back (a drop, a narrowing type).
if ! "$MIGC" check -Werror "$proj" "${targets[@]}" >"$SCRATCH/out" 2>"$SCRATCH/err"; then
    if grep -E '(^|: )error: ' "$SCRATCH/err" |
        grep -vE ' \[[a-z-]+\]$' | grep -vqE ': error: the derived downgrade '; then
        show_file "$gen" "$gen"
        show_file "stderr" "$SCRATCH/err"
        fail "migc check -Werror reports more than lint warnings on the generated migration"
    fi
fi
echo "ok: $(basename "$case_dir") on $dialect"
