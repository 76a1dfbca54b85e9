# Sourced by the shipping tests: they build the example project's migrator
# (migrations/) in the ways a release ships it and run it where it will run.
set -u
tests=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(dirname "$tests")
. "$tests/common.sh"
make_scratch
unset DATABASE_URL CC

# run_logged CMD...: runs CMD, its output in $SCRATCH/out and $SCRATCH/err;
# fails the test, showing both, when CMD fails.
run_logged() {
    "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" && return 0
    local rc=$?
    show_file "stdout of: $*" "$SCRATCH/out"
    show_file "stderr of: $*" "$SCRATCH/err"
    fail "exit status $rc from: $*"
}

# expect_out TEXT / expect_err TEXT: the last run_logged command printed
# a line holding TEXT.
expect_out() {
    grep -qF -- "$1" "$SCRATCH/out" && return 0
    show_file stdout "$SCRATCH/out"
    fail "stdout lacks: $1"
}
expect_err() {
    grep -qF -- "$1" "$SCRATCH/err" && return 0
    show_file stderr "$SCRATCH/err"
    fail "stderr lacks: $1"
}

# expect_static FILE: readelf and file agree that FILE is fully static:
# no program interpreter, no dynamic section, so nothing NEEDED.
expect_static() {
    readelf -lW "$1" >"$SCRATCH/phdrs" 2>&1 || fail "readelf could not read $1"
    grep -q INTERP "$SCRATCH/phdrs" && { show_file "readelf -l" "$SCRATCH/phdrs"; fail "$1 has a program interpreter"; }
    readelf -dW "$1" >"$SCRATCH/dyn" 2>&1
    grep -q "There is no dynamic section" "$SCRATCH/dyn" || { show_file "readelf -d" "$SCRATCH/dyn"; fail "$1 has a dynamic section"; }
    grep -q NEEDED "$SCRATCH/dyn" && fail "$1 needs shared libraries"
    file "$1" | grep -q "statically linked" || fail "file does not call $1 statically linked: $(file "$1")"
}

# newest_glibc FILE: the newest GLIBC_x.y among FILE's needed symbol
# versions, as readelf -V lists them.
newest_glibc() {
    readelf -VW "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n | tail -1
}
