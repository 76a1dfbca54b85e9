#!/bin/bash
# run.sh DIR
#
# A lint case that must stay quiet: runs `migc check DIR` plus the
# arguments in the optional DIR/args (one line, split at spaces) and checks
# - the exit status: DIR/exit, default 0;
# - that no line of DIR/absent appears in stderr (as a line or part of one);
# - that every line of the optional DIR/expect does appear;
# - when DIR/expect is absent, that stderr holds no lint warning at all
#   (no message ending in a rule tag such as [drop-column]).
# DIR/absent is required, so that every case says what it proves silent.
set -u
. "$(dirname "$0")/../common.sh"

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
[ -f "$dir/absent" ] || fail "$dir/absent is missing: list the lines migc check must not print"

args=()
if [ -f "$dir/args" ]; then
    IFS= read -r argline <"$dir/args" || [ -n "$argline" ]
    read -r -a args <<<"${argline%$'\r'}"
fi
want_exit=0
if [ -f "$dir/exit" ]; then
    want_exit=$(tr -d '[:space:]' <"$dir/exit")
    [[ $want_exit =~ ^[0-9]+$ ]] || fail "$dir/exit must hold a number, not \"$want_exit\""
fi

# read_lines FILE: sets the array out to the non-blank lines of FILE.
read_lines() {
    local line
    out=()
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%$'\r'}
        [[ $line =~ ^[[:space:]]*$ ]] || out+=("$line")
    done <"$1"
}

make_scratch
"$MIGC" check "$dir" "${args[@]}" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"
got_exit=$?

status=0
if [ "$got_exit" -ne "$want_exit" ]; then
    echo "FAIL: migc check $dir ${args[*]} exited with $got_exit, expected $want_exit" >&2
    status=1
fi
read_lines "$dir/absent"
[ ${#out[@]} -gt 0 ] || fail "$dir/absent lists nothing"
for line in "${out[@]}"; do
    if grep -qF -e "$line" "$SCRATCH/stderr"; then
        echo "FAIL: this line of $dir/absent is in stderr:" >&2
        echo "    $line" >&2
        status=1
    fi
done
if [ -f "$dir/expect" ]; then
    read_lines "$dir/expect"
    for line in "${out[@]}"; do
        if ! grep -qF -e "$line" "$SCRATCH/stderr"; then
            echo "FAIL: this line of $dir/expect is not in stderr:" >&2
            echo "    $line" >&2
            status=1
        fi
    done
elif grep -qE '(warning|error): .* \[[a-z]+(-[a-z]+)+\]$' "$SCRATCH/stderr"; then
    echo "FAIL: migc check $dir printed a lint warning:" >&2
    grep -E '(warning|error): .* \[[a-z]+(-[a-z]+)+\]$' "$SCRATCH/stderr" >&2
    status=1
fi
if [ $status -ne 0 ]; then
    show_file "stderr of: migc check $dir ${args[*]}" "$SCRATCH/stderr"
    exit 1
fi
echo "ok: migc check $dir ${args[*]} exited $got_exit and stayed silent"
