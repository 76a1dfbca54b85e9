#!/bin/bash
# bench/shipping_bench.sh
#
# The migrator as shipped, dynamically linked (the default) beside fully
# static (migc build --static), on a linear history of 1,000 migrations
# (bench/gen_history.awk): file size, `current` on an up-to-date database
# (best of 9) and `upgrade head` on a fresh one (best of 3). Prints a
# Markdown table; exits 1 when the static migrator is 4 MB or more. migc
# is $MIGC, else build/compiler/migc.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
MIGC=${MIGC:-build/compiler/migc}
N=${N:-1000}
RUNS=${RUNS:-3}
[ -x "$MIGC" ] || { echo "no migc at $MIGC: build first, or set MIGC" >&2; exit 1; }
MIGC=$(cd "$(dirname "$MIGC")" && pwd)/$(basename "$MIGC")

work=$(mktemp -d -t migc-sbench.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT
. "$root/bench/timing.sh"

mkdir "$work/h"
awk -v n="$N" -v dir="$work/h" -f "$root/bench/gen_history.awk" || exit 1
"$MIGC" build "$work/h" -o "$work/dynamic-migrate" >/dev/null || { echo "migc build failed" >&2; exit 1; }
"$MIGC" build "$work/h" -o "$work/static-migrate" --static >/dev/null ||
    { echo "migc build --static failed" >&2; exit 1; }
cd "$work" || exit 1

echo "| migrator ($N migrations) | size | current | upgrade head |"
echo "|---|---|---|---|"
missed=0
for kind in dynamic static; do
    M=$work/$kind-migrate
    export DATABASE_URL=sqlite:///$kind.db
    best "rm -f $kind.db" '"$M" upgrade -q'; up=$ms
    runs=$RUNS
    RUNS=$((RUNS * 3))
    best true '"$M" current'; cur=$ms
    RUNS=$runs
    size=$(stat -c %s "$M")
    awk -v k="$kind" -v s="$size" -v c="$cur" -v u="$up" \
        'BEGIN { printf "| %s | %.2f MB | %d ms | %d ms |\n", k, s / 1048576, c, u }'
    if [ "$kind" = static ] && [ "$size" -ge $((4 * 1024 * 1024)) ]; then
        echo "MISSED: the static migrator is 4 MB or more" >&2
        missed=1
    fi
done
exit $missed
