#!/bin/bash
# aarch64_{dynamic,static}_migrator_under_qemu MIGRATOR: the cross-built
# migrator (cross_build.sh) runs under qemu-user, end to end on SQLite:
# upgrade head, current, check, downgrade base. A dynamically linked one
# finds the arm64 C library through qemu's -L (Debian's cross libc).
. "$(dirname "$0")/lib.sh"
m=${1:?usage: qemu_run.sh MIGRATOR}
[ -x "$m" ] || fail "no migrator at $m: the fixture cross_build_aarch64 did not build it"
cd "$SCRATCH" || fail "no scratch directory"
arm() { qemu-aarch64 -L /usr/aarch64-linux-gnu "$m" --database-url sqlite:///arm.db "$@"; }

run_logged arm --version
expect_out "for aarch64-linux-gnu, SQLite $(sqlite3 -version | cut -d' ' -f1) inside"
run_logged arm upgrade head
expect_err "Running upgrade 009 -> 010"
run_logged arm current
[ "$(cat "$SCRATCH/out")" = "010 (head)" ] || { show_file stdout "$SCRATCH/out"; fail "current is not 010 (head)"; }
run_logged arm check
expect_out "OK: the database is at 010 and its schema matches"
# The file is an ordinary SQLite database: this machine's sqlite3 reads it.
[ "$(sqlite3 arm.db 'SELECT version_num FROM migc_version')" = 010 ] || fail "the version table does not say 010"
run_logged arm downgrade base
expect_err "Running downgrade 001 -> <base>"
run_logged arm current
[ -z "$(cat "$SCRATCH/out")" ] || { show_file stdout "$SCRATCH/out"; fail "current is not empty after downgrade base"; }
[ "$(sqlite3 arm.db "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table' ORDER BY name")" = "migc_version,migc_version_applied" ] ||
    fail "tables left after downgrade base: $(sqlite3 arm.db "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'")"
echo ok
