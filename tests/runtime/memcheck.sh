#!/bin/bash
# memcheck.sh CASE...: runs the runtime cases named (on SQLite) with every
# migrator they run under valgrind's memcheck (run.sh's
# MIGC_MIGRATOR_WRAPPER). Fails when a case fails, or memcheck reports an
# invalid read or write, a use of uninitialised memory or memory
# definitely lost (exit 99 from the migrator, and its log kept), naming it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
command -v valgrind >/dev/null || { echo "FAIL: valgrind is not installed" >&2; exit 1; }
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
export DIALECT=sqlite
export MIGC_MIGRATOR_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --log-file=$logs/vg.%p"
status=0
for name in "$@"; do
    if ! bash "$here/run.sh" "$here/cases/$name.sh" >"$logs/case.log" 2>&1; then
        echo "FAIL: the runtime case $name failed under valgrind:" >&2
        cat "$logs/case.log" >&2
        status=1
    fi
done
for log in "$logs"/vg.*; do
    [ -s "$log" ] || continue
    echo "FAIL: memcheck reported:" >&2
    head -n 60 "$log" >&2
    status=1
done
[ $status -eq 0 ] || exit 1
echo "ok: $# runtime cases with every migrator under memcheck, no error or leak"
