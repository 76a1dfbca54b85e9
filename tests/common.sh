# Sourced by the test scripts: how they find migc and report failures.
# Every script runs from the repository root (ctest's WORKING_DIRECTORY) so
# that case directories, and the file names migc prints, stay relative.

# migc: $MIGC (set by ctest), else build/compiler/migc, else migc on PATH.
if [ -z "${MIGC:-}" ]; then
    if [ -x build/compiler/migc ]; then
        MIGC=build/compiler/migc
    else
        MIGC=migc
    fi
fi

# fail MESSAGE...: print the reason the test failed and exit 1.
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}

# show_file TITLE FILE: print a captured output, framed, for a failure report.
show_file() {
    printf -- '--- %s ---\n' "$1" >&2
    if [ -s "$2" ]; then
        cat "$2" >&2
    else
        printf '(empty)\n' >&2
    fi
    printf -- '--- end of %s ---\n' "$1" >&2
}

# on_exit COMMAND: run COMMAND (a string, eval'd) when the script exits,
# whatever happens; hooks run in the order they were added.
EXIT_HOOKS=()
run_exit_hooks() {
    local h
    for h in "${EXIT_HOOKS[@]}"; do
        eval "$h"
    done
}
on_exit() {
    EXIT_HOOKS+=("$1")
    trap run_exit_hooks EXIT
}

# A scratch directory, $SCRATCH, removed when the script exits.
make_scratch() {
    SCRATCH=$(mktemp -d -t migc-test.XXXXXX) || fail "could not create a temporary directory"
    on_exit 'rm -rf "$SCRATCH"'
}
