#!/bin/bash
# cross_build_aarch64 DIR: migc build --target aarch64-linux-gnu writes the
# example's migrator for 64-bit ARM, dynamically linked and --static, into
# DIR for the qemu tests that follow (a ctest fixture: cross builds are
# slow, so each is built once). The cross tools come from
# `scripts/setup-deps --cross`, the fixture before this one. The static
# one is built by an installed migc (cmake --install of $MIGC_BUILD_DIR).
. "$(dirname "$0")/lib.sh"
out=${1:?usage: cross_build.sh DIR}
rm -rf "$out"
mkdir -p "$out" || fail "could not create $out"
for tool in aarch64-linux-gnu-gcc qemu-aarch64; do
    command -v $tool >/dev/null ||
        fail "$tool is not installed: run scripts/setup-deps --cross (as root)"
done

run_logged "$MIGC" build "$root/migrations" -o "$out/dynamic-migrate" --target aarch64-linux-gnu
want=$(newest_glibc "$out/dynamic-migrate")
expect_out "built $out/dynamic-migrate for aarch64-linux-gnu: dynamically linked; needs glibc >= $want and, for PostgreSQL, libpq.so.5"
file "$out/dynamic-migrate" | grep -q "ARM aarch64.*dynamically linked" || fail "not a dynamic aarch64 executable: $(file "$out/dynamic-migrate")"

# The static one from an installed migc, which compiles the runtime
# sources it installed under share/migc/runtime.
run_logged "${CMAKE:-cmake}" --install "$MIGC_BUILD_DIR" --prefix "$SCRATCH/prefix"
[ -f "$SCRATCH/prefix/share/migc/runtime/migrator_cli.c" ] || fail "the runtime sources were not installed"
run_logged "$SCRATCH/prefix/bin/migc" build "$root/migrations" -o "$out/static-migrate" --target aarch64-linux-gnu --static
expect_out "built $out/static-migrate for aarch64-linux-gnu: statically linked; needs no C library on the host"
grep -q "warning: Using '[a-z]*' in statically linked" "$SCRATCH/err" &&
    { show_file stderr "$SCRATCH/err"; fail "the static link warns about a glibc function that needs the shared C library"; }
expect_static "$out/static-migrate"
file "$out/static-migrate" | grep -q "ARM aarch64" || fail "not an aarch64 executable: $(file "$out/static-migrate")"
echo ok
