#!/bin/bash
# import/random.sh sqlite|postgres [SECONDS]
#
# The randomized import round trip: random histories (gen_random.awk, one
# seed each) are migrated, imported, migrated fresh and compared
# (roundtrip.sh), for SECONDS (default 20; the environment variable
# MIGC_IMPORT_RANDOM_SECONDS overrides it, for a longer run on demand).
# MIGC_IMPORT_SEED replays one seed. A failure names its seed and keeps
# its history.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/common.sh"
[ $# -ge 1 ] || { echo "usage: $0 sqlite|postgres [SECONDS]" >&2; exit 2; }
dialect=$1
seconds=${MIGC_IMPORT_RANDOM_SECONDS:-${2:-20}}
make_scratch
start=$(date +%s)
seed=${MIGC_IMPORT_SEED:-$(( $(date +%s) % 100000 * 1000 ))}
runs=0
while :; do
    hist=$SCRATCH/h$seed
    mkdir -p "$hist/versions"
    awk -v seed="$seed" -v dir="$hist" -f "$here/import/gen_random.awk" || fail "generator failed"
    if ! bash "$here/import/roundtrip.sh" "$dialect" "$hist" >"$SCRATCH/run.log" 2>&1; then
        cat "$SCRATCH/run.log"
        keep=${TMPDIR:-/tmp}/migc-import-random-$seed
        rm -rf "$keep" && cp -r "$hist" "$keep"
        fail "seed $seed: the round trip failed (history kept in $keep; replay with MIGC_IMPORT_SEED=$seed)"
    fi
    runs=$((runs + 1))
    [ -n "${MIGC_IMPORT_SEED:-}" ] && break
    [ $(( $(date +%s) - start )) -ge "$seconds" ] && break
    seed=$((seed + 1))
done
echo "ok: $runs random histories on $dialect"
