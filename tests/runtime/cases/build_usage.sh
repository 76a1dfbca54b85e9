# migc build and emit-c: usage errors exit 2, migration errors exit 1
# with the diagnostics, a failing C compiler exits 1.
project
run 2 "$MIGC" build project
expect_err "missing -o FILE"
run 2 "$MIGC" emit-c project
expect_err "missing -o FILE"
run 2 "$MIGC" build project -o x --version-table "bad name"
run 2 "$MIGC" build project -o x --dialect oracle
run 0 "$MIGC" build --help
expect_out "usage: migc build [DIR] -o FILE"
printf 'revision 006\nrevises 005\nmessage %s\nupgrade {\n    drop table nosuch;\n}\n' "'broken'" > project/versions/006_broken.mig
run 1 "$MIGC" build project -o x
expect_err "006_broken.mig:5"
[ -e x ] && fail "a migrator was written for a broken project"
rm project/versions/006_broken.mig
run 1 "$MIGC" build project -o x --cc false
expect_err "the C compiler \"false\" failed"
run 1 "$MIGC" build project -o x --cc no-such-compiler-here
expect_err "could not run the C compiler"
run 0 "$MIGC" build project -o x --keep-c kept.c
grep -q "generated; do not edit" kept.c || fail "--keep-c did not keep the C"
