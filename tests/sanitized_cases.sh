#!/bin/bash
# sanitized_cases.sh BUILD_DIR
#
# Runs the ASan/UBSan build of migc (the clang build that tests/fuzz/run.sh
# configured in BUILD_DIR) over every case of the suite: `check` on each
# errors and warnings case, `sql` up and down and `history --graph` in
# both formats on each valid history,
# `convert alembic` on each conversion case. The
# other tests judge what migc prints; this one fails only when a sanitizer
# reports something (an invalid access, undefined behaviour or a leak),
# naming the command. It covers every case cheaply, so valgrind (slower by
# far) samples the error cases instead of running them all.
set -u
. "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=$1
[ -f "$build/CMakeCache.txt" ] || fail "no sanitized build in $build (the fuzz_corpus_asan test configures it)"
if ! cmake --build "$build" --target migc -j2 >"$build/migc-build.log" 2>&1; then
    cat "$build/migc-build.log" >&2
    fail "could not build the sanitized migc"
fi
migc=$build/compiler/migc
make_scratch

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0 runs=0
run() {
    runs=$((runs + 1))
    "$migc" "$@" >/dev/null 2>"$SCRATCH/err"
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$SCRATCH/err"; then
        echo "FAIL: a sanitizer reported a problem in: migc $*" >&2
        grep -A30 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$SCRATCH/err" | head -n 40 >&2
        status=1
    fi
}

for dir in tests/errors/*/ tests/warnings/*/ tests/lint_silenced/*/; do
    [ -d "$dir" ] && run check "${dir%/}"
done
for dir in tests/golden/*/ tests/histories/*/ migrations/; do
    [ -d "$dir" ] || continue
    for d in sqlite postgres; do
        run sql "${dir%/}" --dialect "$d" heads
        run sql "${dir%/}" --dialect "$d" heads:base
    done
    run schema "${dir%/}"
    run history "${dir%/}" --graph
    run history "${dir%/}" --graph --format dot
done
for dir in tests/convert/cases/*/ tests/convert/histories/*/; do
    [ -d "$dir" ] && run convert alembic "${dir%/}/versions" "$SCRATCH/convert$runs"
done
[ $status -eq 0 ] || exit 1
echo "ok: $runs runs of the ASan/UBSan migc, no sanitizer report"
