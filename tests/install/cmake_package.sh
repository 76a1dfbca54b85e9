#!/bin/bash
# install_cmake_package: a CMake project outside the tree finds the
# installed package (CMAKE_PREFIX_PATH), builds a migrator with
# migc_add_migrator(), rebuilds it when a migration is added, and runs it;
# it is a PIE with full RELRO, as migc build makes it.
. "$(dirname "$0")/lib.sh"

prefix=$SCRATCH/prefix
install_prefix "$prefix"

app=$SCRATCH/app
mkdir "$app"
cp "$tests/install/consumer/CMakeLists.txt" "$app/"
cp -r "$tests/install/project" "$app/migrations"
rm "$app/migrations/versions/002_add_note_body.mig"

run_logged "$CMAKE" -S "$app" -B "$app/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$CC"
run_logged "$CMAKE" --build "$app/build"
cd "$app/build" || fail "no build directory"
[ -x demo-migrate ] || fail "migc_add_migrator built no demo-migrate"
# As migc build makes it: position-independent, with full RELRO.
readelf -hW demo-migrate | grep -qE 'Type: +DYN ' || fail "migc_add_migrator did not build a PIE"
readelf -dW demo-migrate | grep -qE '\(FLAGS_1\) +Flags: NOW PIE' ||
    fail "migc_add_migrator's migrator lacks full RELRO (FLAGS_1 NOW PIE)"
run_logged ./demo-migrate --version
[ "$(head -1 "$SCRATCH/out")" = "demo-migrate (migc $("$prefix/bin/migc" --version | awk '{print $NF}'))" ] ||
    { show_file stdout "$SCRATCH/out"; fail "the first line of --version is not the name and migc's version"; }
run_logged ./demo-migrate --help
grep -qF "default: 3 s (set at build)" "$SCRATCH/out" || { show_file stdout "$SCRATCH/out"; fail "STATEMENT_LOCK_TIMEOUT 3s is not the migrator's default"; }
run_logged ./demo-migrate upgrade head
[ -f demo.db ] || fail "DEFAULT_URL sqlite:///demo.db was not used"
run_logged ./demo-migrate current
expect_stdout "001 (head)"

# A new migration file is picked up by the next build, without re-running
# cmake by hand (the glob is CONFIGURE_DEPENDS, the .mig files DEPENDS).
cp "$tests/install/project/versions/002_add_note_body.mig" "$app/migrations/versions/"
run_logged "$CMAKE" --build "$app/build"
run_logged ./demo-migrate upgrade head
run_logged ./demo-migrate current
expect_stdout "002 (head)"
run_logged ./demo-migrate check

# STATIC: one fully static executable, linked without glibc's dlopen.
[ -x demo-static-migrate ] || fail "migc_add_migrator(... STATIC) built no demo-static-migrate"
readelf -lW demo-static-migrate | grep -q INTERP && fail "demo-static-migrate has a program interpreter"
readelf -dW demo-static-migrate | grep -q "There is no dynamic section" || fail "demo-static-migrate has a dynamic section"
run_logged ./demo-static-migrate --version
grep -qF "built: statically linked for " "$SCRATCH/out" || { show_file stdout "$SCRATCH/out"; fail "--version does not say statically linked"; }
run_logged ./demo-static-migrate upgrade head
[ -f demo-static.db ] || fail "DEFAULT_URL sqlite:///demo-static.db was not used"
run_logged ./demo-static-migrate current
expect_stdout "002 (head)"
echo ok
