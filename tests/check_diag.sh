#!/bin/bash
# check_diag.sh errors|warnings DIR
#
# Runs `migc check DIR` and checks its exit status and its stderr against
# DIR/expect: an optional first line `exit N` (default 1 for errors, 0 for
# warnings), then lines each of which must appear in stderr, as a whole line
# or as part of one. No diagnostic may be printed twice.
set -u
. "$(dirname "$0")/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 errors|warnings DIR" >&2; exit 2; }
kind=$1 dir=$2
case $kind in
errors) want_exit=1 ;;
warnings) want_exit=0 ;;
*) echo "$0: kind must be errors or warnings, not \"$kind\"" >&2; exit 2 ;;
esac
[ -f "$dir/expect" ] || fail "$dir/expect is missing: write the lines migc check must print"

make_scratch
"$MIGC" check "$dir" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"
got_exit=$?

lines=()
first=1
while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    if [ $first -eq 1 ] && [[ $line =~ ^exit[[:space:]]+([0-9]+)[[:space:]]*$ ]]; then
        want_exit=${BASH_REMATCH[1]}
        first=0
        continue
    fi
    first=0
    [[ $line =~ ^[[:space:]]*$ ]] && continue
    lines+=("$line")
done <"$dir/expect"

if [ ${#lines[@]} -eq 0 ] && [ "$kind" = warnings ]; then
    fail "$dir/expect lists no warning: a warnings case must name what migc prints"
fi

status=0
if [ "$got_exit" -ne "$want_exit" ]; then
    echo "FAIL: migc check $dir exited with $got_exit, expected $want_exit" >&2
    status=1
fi
for line in "${lines[@]}"; do
    if ! grep -qF -e "$line" "$SCRATCH/stderr"; then
        echo "FAIL: this line of $dir/expect is not in stderr:" >&2
        echo "    $line" >&2
        status=1
    fi
done
# One finding, one diagnostic: the same error or warning twice (once per
# pass that meets it) is a bug even when every expected line is there.
dups=$(grep -E '^[^ ].*: (error|warning): ' "$SCRATCH/stderr" | sort | uniq -d)
if [ -n "$dups" ]; then
    echo "FAIL: migc check $dir printed a diagnostic more than once:" >&2
    printf '    %s\n' "$dups" >&2
    status=1
fi
if [ $status -ne 0 ]; then
    show_file "stderr of: migc check $dir" "$SCRATCH/stderr"
    [ -s "$SCRATCH/stdout" ] && show_file "stdout" "$SCRATCH/stdout"
    exit 1
fi
echo "ok: migc check $dir exited $got_exit and printed all ${#lines[@]} expected lines"
