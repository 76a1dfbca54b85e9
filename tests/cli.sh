#!/bin/bash
# cli.sh DIR
#
# DIR/cmd holds migc's arguments on one line (split at spaces, paths relative
# to the repository root), DIR/stdout the exact expected stdout, the
# optional DIR/exit the expected exit status (default 0), and the optional
# DIR/stderr lines that must each appear in stderr.
set -u
. "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
[ -f "$dir/cmd" ] || fail "$dir/cmd is missing"
[ -f "$dir/stdout" ] || fail "$dir/stdout is missing"
IFS= read -r cmdline <"$dir/cmd" || [ -n "$cmdline" ]
cmdline=${cmdline%$'\r'}
read -r -a args <<<"$cmdline"
want_exit=0
if [ -f "$dir/exit" ]; then
    want_exit=$(tr -d '[:space:]' <"$dir/exit")
    [[ $want_exit =~ ^[0-9]+$ ]] || fail "$dir/exit must hold a number, not \"$want_exit\""
fi

[ "$want_exit" = 0 ] || [ -f "$dir/stderr" ] ||
    fail "$dir expects exit status $want_exit but no message: add $dir/stderr with the lines stderr must hold"

make_scratch
"$MIGC" "${args[@]}" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"
got_exit=$?

status=0
if [ "$got_exit" -ne "$want_exit" ]; then
    echo "FAIL: migc $cmdline exited with $got_exit, expected $want_exit" >&2
    status=1
fi
if ! diff -u --label "$dir/stdout (expected)" --label "stdout of migc $cmdline (actual)" \
        "$dir/stdout" "$SCRATCH/stdout" >"$SCRATCH/diff"; then
    echo "FAIL: stdout of migc $cmdline differs from $dir/stdout:" >&2
    cat "$SCRATCH/diff" >&2
    status=1
fi
if [ -f "$dir/stderr" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%$'\r'}
        [ -z "$line" ] && continue
        if ! grep -qF -- "$line" "$SCRATCH/stderr"; then
            echo "FAIL: stderr of migc $cmdline lacks: $line" >&2
            status=1
        fi
    done <"$dir/stderr"
fi
if [ $status -ne 0 ]; then
    show_file "stderr of: migc $cmdline" "$SCRATCH/stderr"
    exit 1
fi
echo "ok: migc $cmdline"
