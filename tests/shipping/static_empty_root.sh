#!/bin/bash
# static_migrator_runs_in_empty_root: migc build --static writes one fully
# static executable (readelf and file agree) that upgrades, shows and
# checks a SQLite database inside an empty root holding only itself and a
# writable directory: no C library, no /dev, no /proc, no /tmp. Its
# --version says how it was built, and a PostgreSQL URL gets told that
# PostgreSQL needs the dynamically linked build.
. "$(dirname "$0")/lib.sh"

cd "$SCRATCH" || fail "no scratch directory"
run_logged "$MIGC" build "$root/migrations" -o app-migrate --static
expect_out "built app-migrate: statically linked; needs no C library on the host"
grep -q "warning: Using '[a-z]*' in statically linked" "$SCRATCH/err" &&
    { show_file stderr "$SCRATCH/err"; fail "the static link warns about a glibc function that needs the shared C library"; }
expect_static app-migrate

mkdir -p jail/data
cp app-migrate jail/
# Root (as in CI) may chroot; anyone else may in a user namespace.
in_jail() {
    if [ "$(id -u)" -eq 0 ]; then
        chroot jail /app-migrate "$@"
    else
        unshare -r chroot jail /app-migrate "$@"
    fi
}
url=sqlite:////data/app.db
run_logged in_jail --database-url "$url" upgrade head
expect_err "Running upgrade 009 -> 010"
run_logged in_jail --database-url "$url" current
[ "$(cat "$SCRATCH/out")" = "010 (head)" ] || { show_file stdout "$SCRATCH/out"; fail "current is not 010 (head)"; }
run_logged in_jail --database-url "$url" check
expect_out "OK: the database is at 010 and its schema matches"
[ -f jail/data/app.db ] || fail "the database was not written inside the root"
[ "$(ls jail)" = "$(printf 'app-migrate\ndata')" ] || fail "the root holds more than the migrator and data: $(ls jail)"

run_logged in_jail --version
expect_out "built: statically linked for x86_64-linux-gnu, SQLite $(sqlite3 -version | cut -d' ' -f1) inside"
run_logged in_jail --help
expect_out "built: statically linked for x86_64-linux-gnu"

in_jail current --database-url "postgresql://app:s3cret@127.0.0.1:5432/app" >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
[ $rc = 1 ] || fail "exit status $rc for a PostgreSQL URL, expected 1"
expect_err "error: PostgreSQL needs the dynamically linked migrator: this one is statically linked and cannot load libpq (libpq.so.5)"
expect_err "hint: Build the migrator without --static for PostgreSQL"
grep -q s3cret "$SCRATCH/err" && fail "the password shows: $(cat "$SCRATCH/err")"
# offline SQL needs no connection, so PostgreSQL's works
run_logged in_jail upgrade --sql --dialect postgres
expect_out "CREATE TABLE"
echo ok
