#!/bin/bash
# build_reports_what_the_host_needs: migc build of a dynamically linked
# migrator prints the oldest glibc it starts with, the newest GLIBC_x.y
# symbol version the linked file asks for (as readelf -V lists them), and
# that PostgreSQL needs libpq.so.5; the migrator's --version and --help
# say how it was built.
. "$(dirname "$0")/lib.sh"

cd "$SCRATCH" || fail "no scratch directory"
run_logged "$MIGC" build "$root/migrations" -o app-migrate
want=$(newest_glibc app-migrate)
[ -n "$want" ] || fail "readelf lists no GLIBC version in the migrator"
expect_out "built app-migrate: dynamically linked; needs glibc >= $want and, for PostgreSQL, libpq.so.5"
[ "$(wc -l <"$SCRATCH/out")" = 1 ] || { show_file stdout "$SCRATCH/out"; fail "more than one line on stdout"; }
readelf -lW app-migrate | grep -q "Requesting program interpreter" || fail "the default build is not dynamically linked"

sqlite=$(sqlite3 -version | cut -d' ' -f1)
run_logged ./app-migrate --version
[ "$(head -1 "$SCRATCH/out")" = "app-migrate (migc $("$MIGC" --version | awk '{print $NF}'))" ] ||
    { show_file stdout "$SCRATCH/out"; fail "the first line of --version changed"; }
expect_out "built: dynamically linked for x86_64-linux-gnu, SQLite $sqlite inside; PostgreSQL through libpq.so.5"
run_logged ./app-migrate --help
expect_out "built: dynamically linked for x86_64-linux-gnu, SQLite $sqlite inside"

# bad usage
"$MIGC" build "$root/migrations" -o x --target 'arm;rm' >"$SCRATCH/out" 2>"$SCRATCH/err"
[ $? = 2 ] || fail "a bad --target was not bad usage"
expect_err 'migc build: error: not a target triple such as aarch64-linux-gnu: "arm;rm"'
"$MIGC" build "$root/migrations" -o x --target mips-nowhere-gnu >"$SCRATCH/out" 2>"$SCRATCH/err"
[ $? = 1 ] || fail "a missing cross compiler did not fail the build"
expect_err 'migc build: error: could not run the C compiler "mips-nowhere-gnu-gcc"'
expect_err "hint: Install the cross compiler (Debian: apt-get install gcc-mips-nowhere-gnu), or name one with --cc."
[ -e x ] && fail "a failed build left an executable"
echo ok
