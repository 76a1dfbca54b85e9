#!/bin/bash
# bench/shipping_bench.sh
#
# The migrator as shipped, on a linear history of 1,000 migrations
# (bench/gen_history.awk): the default position-independent build (PIE,
# full RELRO), the same data linked at a fixed address (-no-pie, what
# migrators were before the data lost its pointers), and fully static
# (migc build --static). For each: file size, relocations (readelf -r),
# `current` on an up-to-date database (best of 9 runs, and the
# instructions it executes from exec to exit under callgrind, which the
# load of a shared machine does not change), and `upgrade head` on a fresh
# one (best of 3). The sqlite3 shell reading the version table is the
# yardstick for `current`. Prints a Markdown table; exits 1 when the
# static migrator is 4 MB or more or the PIE's `current` executes more
# instructions than the sqlite3 shell. migc is $MIGC, else
# build/compiler/migc (the fixed-address build needs its build tree or
# installed prefix, for the runtime library).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
MIGC=${MIGC:-build/compiler/migc}
N=${N:-1000}
RUNS=${RUNS:-3}
[ -x "$MIGC" ] || { echo "no migc at $MIGC: build first, or set MIGC" >&2; exit 1; }
MIGC=$(cd "$(dirname "$MIGC")" && pwd)/$(basename "$MIGC")
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed" >&2; exit 1; }

work=$(mktemp -d -t migc-sbench.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT
. "$root/bench/timing.sh"

mkdir "$work/h"
awk -v n="$N" -v dir="$work/h" -f "$root/bench/gen_history.awk" || exit 1
"$MIGC" build "$work/h" -o "$work/pie-migrate" --keep-c "$work/data.c" >/dev/null ||
    { echo "migc build failed" >&2; exit 1; }
"$MIGC" build "$work/h" -o "$work/static-migrate" --static >/dev/null ||
    { echo "migc build --static failed" >&2; exit 1; }
# The fixed-address build: the same C, linked as migc build links it
# (hardening and all) but with -fno-pie -no-pie.
bin=$(dirname "$MIGC")
if [ -f "$bin/../runtime/libmigc_runtime.a" ]; then
    rtlib=$bin/../runtime/libmigc_runtime.a inc=$root/runtime
    sqlite=$(${CC:-cc} -print-file-name=libsqlite3.a)
else
    rtlib=$bin/../lib/libmigc_runtime.a inc=$bin/../include/migc sqlite=$bin/../lib/libmigc_sqlite3.a
fi
${CC:-cc} -std=c11 -O2 -fstack-protector-strong -D_FORTIFY_SOURCE=2 -Wl,-z,relro,-z,now \
    -fno-pie -no-pie -s -o "$work/fixed-migrate" -I"$inc" "$work/data.c" "$rtlib" "$sqlite" \
    -lm -ldl -lpthread || { echo "the fixed-address link failed" >&2; exit 1; }
cd "$work" || exit 1

# instructions CMD...: what CMD executes, exec to exit, per callgrind (0
# without valgrind).
instructions() {
    command -v valgrind >/dev/null || { echo 0; return; }
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/Collected :/ { print $NF }'
}

echo "| migrator ($N migrations) | size | relocations | current | current, instructions | upgrade head |"
echo "|---|---|---|---|---|---|"
missed=0
for kind in pie fixed static; do
    M=$work/$kind-migrate
    export DATABASE_URL=sqlite:///$kind.db
    best "rm -f $kind.db" '"$M" upgrade -q'; up=$ms
    runs=$RUNS
    RUNS=$((RUNS * 3))
    best true '"$M" current'; cur=$ms
    RUNS=$runs
    ins=$(instructions "$M" current)
    [ "$kind" = pie ] && pie_ins=$ins
    size=$(stat -c %s "$M")
    relocs=$(readelf -rW "$M" | grep -c '^[0-9a-f]\{8,\} ')
    awk -v k="$kind" -v s="$size" -v r="$relocs" -v c="$cur" -v i="$ins" -v u="$up" \
        'BEGIN { printf "| %s | %.2f MB | %d | %d ms | %.2fM | %d ms |\n", k, s / 1048576, r, c, i / 1e6, u }'
    if [ "$kind" = static ] && [ "$size" -ge $((4 * 1024 * 1024)) ]; then
        echo "MISSED: the static migrator is 4 MB or more" >&2
        missed=1
    fi
done
runs=$RUNS
RUNS=$((RUNS * 3))
best true 'sqlite3 pie.db "SELECT version_num FROM migc_version"'; lim=$ms
RUNS=$runs
lim_ins=$(instructions sqlite3 pie.db "SELECT version_num FROM migc_version")
awk -v c="$lim" -v i="$lim_ins" \
    'BEGIN { printf "| sqlite3 shell reading the version table | | | %d ms | %.2fM | |\n", c, i / 1e6 }'
if [ "$lim_ins" -gt 0 ]; then
    awk -v p="$pie_ins" -v l="$lim_ins" 'BEGIN { printf "\nPIE current against the sqlite3 shell: %.2fx the instructions (target: within 1.0x)\n", p / l }'
    [ "$pie_ins" -le "$lim_ins" ] || { echo "MISSED: the PIE's current executes more than the sqlite3 shell" >&2; missed=1; }
fi
exit $missed
