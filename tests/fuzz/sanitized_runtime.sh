#!/bin/bash
# sanitized_runtime.sh BUILD_DIR
#
# The configuration built whole with -fsanitize=address,undefined (the
# clang build of tests/fuzz/run.sh in BUILD_DIR): its migc, its runtime
# and the migrators linked with them (demo-migrate, and those its migc
# builds, compiled by clang with the same sanitizers) run a sample of the
# runtime's end-to-end cases on SQLite through tests/runtime/run.sh. The
# cases judge what the migrators print; this test also fails when a
# sanitizer reports anything (each report goes to a file of its own).
set -u
tests=$(cd "$(dirname "$0")/.." && pwd)
. "$tests/common.sh"

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=$1
[ -x "$build/tests/runtime/demo-migrate" ] && [ -x "$build/compiler/migc" ] ||
    fail "no sanitized build in $build (the fuzz_corpus_asan test builds it)"
make_scratch
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:log_path=$SCRATCH/asan
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$SCRATCH/ubsan
export DIALECT=sqlite DEMO=$build/tests/runtime/demo-migrate MIGC=$build/compiler/migc
export CC="clang -fsanitize=address,undefined" RUNTIME_TESTS=$tests/runtime
export SQLITE3=${MIGC_SQLITE3:-sqlite3}
status=0 n=0
for name in upgrade_downgrade_roundtrip check_command targets stamp failing_migration \
        json_output repair transaction_none_and_irreversible drift_column_type \
        drift_constraint_check drift_index database_url resume_checks_statement \
        bookkeeping_messages rebuild_keeps_rows; do
    n=$((n + 1))
    if ! bash "$tests/runtime/run.sh" "$tests/runtime/cases/$name.sh" >"$SCRATCH/case.log" 2>&1; then
        echo "FAIL: the runtime case $name failed with the sanitized build:" >&2
        cat "$SCRATCH/case.log" >&2
        status=1
    fi
done
for report in "$SCRATCH"/asan.* "$SCRATCH"/ubsan.*; do
    [ -e "$report" ] || continue
    echo "FAIL: a sanitizer reported a problem:" >&2
    head -n 40 "$report" >&2
    status=1
done
[ $status -eq 0 ] || exit 1
echo "ok: $n runtime cases with the ASan/UBSan migc, runtime and migrators, no sanitizer report"
