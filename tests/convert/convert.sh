#!/bin/bash
# convert.sh CASE [--update]
#
# Runs `migc convert alembic CASE/versions OUT` from the repository root
# and compares, exactly: the exit status with CASE/exit (default 0), stdout
# (the summary table, OUT's path shown as OUT) with CASE/stdout, stderr (the
# warnings or errors) with CASE/stderr, and the files written with
# CASE/expected/ (none at all when the exit status is not 0: an error
# writes nothing). When the conversion succeeds, `migc check` of the
# output must report exactly one error per placeholder, and pass when
# there are none (with --dialect postgres when the summary asks for it). --update rewrites the expected
# files for review.
set -u
. "$(dirname "$0")/../common.sh"

[ $# -ge 1 ] || { echo "usage: $0 CASE [--update]" >&2; exit 2; }
dir=$1 update=${2:-}
make_scratch
out=$SCRATCH/out
"$MIGC" convert alembic "$dir/versions" "$out" >"$SCRATCH/stdout.raw" 2>"$SCRATCH/stderr"
rc=$?
sed "s|$SCRATCH/out|OUT|g" "$SCRATCH/stdout.raw" >"$SCRATCH/stdout"

if [ "$update" = --update ]; then
    rm -rf "$dir/expected"
    [ -d "$out" ] && cp -r "$out" "$dir/expected"
    cp "$SCRATCH/stdout" "$dir/stdout"
    cp "$SCRATCH/stderr" "$dir/stderr"
    if [ $rc -ne 0 ]; then echo $rc >"$dir/exit"; else rm -f "$dir/exit"; fi
    echo "updated: $dir"
    exit 0
fi

want_exit=0
[ -f "$dir/exit" ] && want_exit=$(tr -d '[:space:]' <"$dir/exit")
status=0
if [ $rc -ne "$want_exit" ]; then
    echo "FAIL: migc convert alembic $dir/versions exited with $rc, expected $want_exit" >&2
    status=1
fi
for stream in stdout stderr; do
    if ! diff -u --label "$dir/$stream (expected)" --label "$stream (actual)" \
            "$dir/$stream" "$SCRATCH/$stream"; then
        echo "FAIL: $stream differs from $dir/$stream" >&2
        status=1
    fi
done
if [ "$want_exit" -ne 0 ]; then
    if [ -e "$out" ]; then
        echo "FAIL: a failed conversion wrote files:" >&2
        ls -R "$out" >&2
        status=1
    fi
elif ! diff -ru "$dir/expected" "$out" >&2; then
    echo "FAIL: the converted files differ from $dir/expected" >&2
    status=1
fi

if [ $rc -eq 0 ] && [ -d "$out" ]; then
    placeholders=$(grep -c 'UNRESOLVED:' "$out"/*.mig | awk -F: '{n += $NF} END {print n + 0}')
    # A project with PostgreSQL-only types is checked as the summary says.
    dialect=()
    grep -q 'with --dialect postgres$' "$SCRATCH/stdout" && dialect=(--dialect postgres)
    "$MIGC" check "${dialect[@]}" "$out" >/dev/null 2>"$SCRATCH/check"
    check_rc=$?
    errors=$(grep -c 'error: unresolved placeholder left by a conversion' "$SCRATCH/check")
    all_errors=$(grep -c ': error: ' "$SCRATCH/check")
    # Other errors may follow from a placeholder (a downgrade that does not
    # restore the schema while its statements are missing), never without.
    if [ "$errors" -ne "$placeholders" ] || { [ "$placeholders" -eq 0 ] && [ "$all_errors" -ne 0 ]; }; then
        show_file "migc check $out" "$SCRATCH/check"
        echo "FAIL: migc check reported $all_errors errors, $errors of them placeholders; the files hold $placeholders placeholders" >&2
        status=1
    elif [ "$placeholders" -eq 0 ] && [ $check_rc -ne 0 ]; then
        show_file "migc check $out" "$SCRATCH/check"
        echo "FAIL: migc check of a conversion without placeholders failed" >&2
        status=1
    fi
fi
[ $status -eq 0 ] && echo "ok: $dir"
exit $status
