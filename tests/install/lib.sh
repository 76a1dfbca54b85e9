# Sourced by the install tests. They install the build tree ($MIGC_BUILD_DIR,
# set by ctest) into a prefix under a scratch directory and use migc from
# there only, as a user of an installed migc would.
set -u
tests=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$tests/common.sh"
make_scratch

: "${MIGC_BUILD_DIR:?set MIGC_BUILD_DIR to the build directory to install}"
: "${CMAKE:=cmake}"
: "${CC:=cc}"
unset DATABASE_URL

# run_logged CMD...: runs CMD, its output in $SCRATCH/out and $SCRATCH/err;
# fails the test, showing both, when CMD fails.
run_logged() {
    "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" && return 0
    local rc=$?
    show_file "stdout of: $*" "$SCRATCH/out"
    show_file "stderr of: $*" "$SCRATCH/err"
    fail "exit status $rc from: $*"
}

# install_prefix DIR: cmake --install into DIR, then checks the files the
# package promises.
install_prefix() {
    run_logged "$CMAKE" --install "$MIGC_BUILD_DIR" --prefix "$1"
    local f
    for f in bin/migc lib/libmigc_runtime.a lib/libmigc_runtime_static.a lib/libmigc_sqlite3.a \
        include/migc/migc_migrator.h share/migc/runtime/migrator_cli.c \
        lib/cmake/migc/migcConfig.cmake lib/cmake/migc/migcConfigVersion.cmake \
        lib/cmake/migc/migcTargets.cmake; do
        [ -f "$1/$f" ] || fail "cmake --install did not install $f"
    done
    [ -x "$1/bin/migc" ] || fail "the installed migc is not executable"
}

# expect_stdout TEXT: the last run_logged command printed TEXT.
expect_stdout() {
    [ "$(cat "$SCRATCH/out")" = "$1" ] && return 0
    show_file "stdout" "$SCRATCH/out"
    fail "stdout is not: $1"
}
