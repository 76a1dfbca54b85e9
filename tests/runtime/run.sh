#!/bin/bash
# Runs one runtime test case (a bash script using the helpers below) in a
# fresh temporary directory, removed afterwards. A case fails on the first
# expectation that does not hold, saying what differed.
set -u
case_file=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
unset DATABASE_URL

fail() {
    echo "FAIL: $*" >&2
    echo "--- last command: ${last_cmd:-}" >&2
    echo "--- its stdout:" >&2
    cat "$work/.out" >&2 2>/dev/null
    echo "--- its stderr:" >&2
    cat "$work/.err" >&2 2>/dev/null
    exit 1
}

# run RC CMD...: runs CMD, keeps its stdout and stderr, checks its status.
run() {
    local want=$1
    shift
    last_cmd="$*"
    "$@" >"$work/.out" 2>"$work/.err"
    local got=$?
    [ "$got" = "$want" ] || fail "exit status $got, expected $want"
}
out() { cat "$work/.out"; }
err() { cat "$work/.err"; }
expect_out() { grep -qF -- "$1" "$work/.out" || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" "$work/.err" || fail "stderr lacks: $1"; }
expect_no_out() { grep -qF -- "$1" "$work/.out" && fail "stdout has: $1"; true; }
expect_no_err() { grep -qF -- "$1" "$work/.err" && fail "stderr has: $1"; true; }
expect_out_is() {
    [ "$(cat "$work/.out")" = "$1" ] || fail "stdout is not: $1"
}
# q DB SQL: the result of a query on a SQLite file.
q() { "$SQLITE3" "$1" "$2"; }
expect_q() {
    local got
    got=$(q "$1" "$2")
    [ "$got" = "$3" ] || fail "query '$2' on $1 gave '$got', expected '$3'"
}

# The .mig project the migc-built cases use (a copy they may edit).
project() {
    rm -rf "$work/project"
    cp -r "$RUNTIME_TESTS/project" "$work/project"
}

. "$case_file"
echo "ok"
