#!/bin/bash
# install_and_build_outside_tree: an installed migc builds a migrator from a
# directory outside the source tree with nothing but a C compiler, finding
# its runtime relative to itself (so it still works once the prefix is
# moved), and that migrator runs.
. "$(dirname "$0")/lib.sh"

install_prefix "$SCRATCH/prefix"
mv "$SCRATCH/prefix" "$SCRATCH/moved"
prefix=$SCRATCH/moved

mkdir "$SCRATCH/app"
cp -r "$tests/install/project" "$SCRATCH/app/migrations"
cd "$SCRATCH/app" || fail "no app directory"

# A compiler wrapper that records its arguments: the runtime must come from
# the moved prefix, never from the build or source tree.
cat >"$SCRATCH/cc-spy" <<SPY
#!/bin/sh
printf '%s\n' "\$@" > "$SCRATCH/cc-args"
exec $CC "\$@"
SPY
chmod +x "$SCRATCH/cc-spy"

# A bare environment: the installed migc may rely on nothing else.
run_logged env -i PATH=/usr/bin:/bin HOME="$SCRATCH" "$prefix/bin/migc" build \
    --cc "$SCRATCH/cc-spy" -o notes-migrate
[ -x notes-migrate ] || fail "migc build wrote no executable"
for want in "-I$prefix/include/migc" "$prefix/lib/libmigc_runtime.a" "$prefix/lib/libmigc_sqlite3.a"; do
    grep -qxF -- "$want" "$SCRATCH/cc-args" || {
        show_file "compiler arguments" "$SCRATCH/cc-args"
        fail "the compiler was not given $want"
    }
done
if grep -qF -- "$MIGC_BUILD_DIR" "$SCRATCH/cc-args" || grep -qF -- "$(dirname "$tests")/runtime" "$SCRATCH/cc-args"; then
    show_file "compiler arguments" "$SCRATCH/cc-args"
    fail "the installed migc used the build or source tree"
fi

run_logged ./notes-migrate --database-url "sqlite:///$SCRATCH/notes.db" upgrade head
grep -qF "Running upgrade 001 -> 002, add note body" "$SCRATCH/err" ||
    { show_file stderr "$SCRATCH/err"; fail "upgrade head did not run 002"; }
run_logged ./notes-migrate --database-url "sqlite:///$SCRATCH/notes.db" current
expect_stdout "002 (head)"
run_logged ./notes-migrate --database-url "sqlite:///$SCRATCH/notes.db" check
echo ok
