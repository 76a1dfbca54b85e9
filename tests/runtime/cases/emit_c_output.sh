# emit-c is deterministic (same input, same bytes), names no path of the
# build machine, and compiles clean under -Wall -Wextra -Werror.
project
run 0 "$MIGC" emit-c project -o a.c
mkdir again && cd again
run 0 "$MIGC" emit-c "$work/project" -o a.c
cd ..
cmp a.c again/a.c || fail "two runs of emit-c differ"
grep -q "$work" a.c && fail "the C names a path of this machine"
grep -q "generated; do not edit" a.c || fail "no header saying generated; do not edit"
grep -q "migc 0.1.0" a.c || fail "the header does not name the migc version"
grep -qF "/* versions/003_email.mig:8 */" a.c || fail "statements lack their .mig place"
"$CC" -std=c11 -Wall -Wextra -Werror -I"$RUNTIME_TESTS/../../runtime" -c a.c -o a.o ||
    fail "the generated C does not compile clean"
