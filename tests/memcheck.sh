#!/bin/bash
# memcheck.sh errors|warnings|golden|histories [I/N]
#
# Runs migc under valgrind's memcheck on every case of tests/KIND: `check`
# on errors and warnings; on the valid histories (golden, histories) `sql`
# up on SQLite and down on PostgreSQL. Fails on any invalid read
# or write, use of uninitialised memory, or memory definitely lost, naming
# the command. With I/N, only every Nth case from the Ith on (1 <= I <= N),
# so that ctest can spread a long list over several processes.
set -u
. "$(dirname "$0")/common.sh"

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 errors|warnings|golden|histories [I/N]" >&2; exit 2; }
kind=$1 shard=${2:-1/1}
[[ $shard =~ ^([0-9]+)/([0-9]+)$ ]] || { echo "$0: shard must be I/N, not \"$shard\"" >&2; exit 2; }
shard_i=${BASH_REMATCH[1]} shard_n=${BASH_REMATCH[2]}
command -v valgrind >/dev/null || fail "valgrind is not installed (scripts/setup-deps installs it)"
make_scratch

status=0 runs=0
# vg ARGS...: one migc run under memcheck; its own exit status is not judged
# here (the other tests do that), only memcheck's verdict (exit 99).
vg() {
    runs=$((runs + 1))
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect "$MIGC" "$@" >/dev/null 2>"$SCRATCH/vg.log"
    if [ $? -eq 99 ]; then
        echo "FAIL: memcheck found errors in: migc $*" >&2
        grep '^==' "$SCRATCH/vg.log" | head -n 60 >&2
        status=1
    fi
}

found=0 k=0
for dir in tests/"$kind"/*/; do
    [ -d "$dir" ] || continue
    k=$((k + 1))
    [ $(( (k - shard_i) % shard_n )) -eq 0 ] || continue
    found=1
    dir=${dir%/}
    case $kind in
    golden | histories)
        # sql runs every check too; two runs cover both renderers, up
        # and down, within the suite's time budget.
        vg sql "$dir" --dialect sqlite head
        vg sql "$dir" --dialect postgres head:base
        ;;
    *) vg check "$dir" ;;
    esac
done
[ $found -eq 1 ] || { echo "ok: no case in tests/$kind (share $shard)"; exit 0; }
[ $status -eq 0 ] || exit 1
echo "ok: $runs migc runs on tests/$kind (share $shard) clean under memcheck"
