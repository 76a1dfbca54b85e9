#!/bin/bash
# bench/check_bench.sh
#
# How `migc check` and `migc build` scale: generates linear histories of 1,000 and 10,000
# migrations (bench/gen_history.awk), runs migc check on each three times,
# and prints a Markdown table of the best wall time and its peak resident
# memory beside the targets: under 2 s and 200 MB at 10,000 migrations, and
# at most 12 times the time of 1,000 (near-linear). Exits 1 when a target is
# missed. migc is $MIGC, else build/compiler/migc (scripts/build makes it).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
MIGC=${MIGC:-build/compiler/migc}
[ -x "$MIGC" ] || command -v "$MIGC" >/dev/null || { echo "no migc at $MIGC: run scripts/build first, or set MIGC" >&2; exit 1; }
[ -x /usr/bin/time ] || "$root/scripts/setup-deps" time || exit 1

work=$(mktemp -d -t migc-bench.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT

# measure N: sets secs and mb to the best of three runs of migc check.
measure() {
    local n=$1 dir=$work/h$1 run start end t rss
    mkdir -p "$dir"
    awk -v n="$n" -v dir="$dir" -f "$root/bench/gen_history.awk" || exit 1
    secs= mb=
    for run in 1 2 3; do
        start=$(date +%s%N)
        if ! /usr/bin/time -f '%M' -o "$work/time" "$MIGC" check "$dir" >/dev/null 2>"$work/stderr"; then
            head -n 30 "$work/stderr" >&2
            echo "migc check failed on the generated history of $n migrations" >&2
            exit 1
        fi
        end=$(date +%s%N)
        t=$(( (end - start) / 1000000 ))      # milliseconds
        rss=$(tail -n 1 "$work/time")          # kilobytes
        if [ -z "$secs" ] || [ "$t" -lt "$secs" ]; then
            secs=$t mb=$rss
        fi
    done
}

measure 1000
t1=$secs m1=$mb
measure 10000
t10=$secs m10=$mb

# migc build (check, generate the C, compile and link it) on 100, 1,000
# and 10,000 migrations, once each: the C compiler dominates, and the
# number to watch is how the time grows.
build_row() {
    local n=$1 dir=$work/h$1 start end
    [ -d "$dir" ] || { mkdir -p "$dir"; awk -v n="$n" -v dir="$dir" -f "$root/bench/gen_history.awk" || exit 1; }
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/time" "$MIGC" build "$dir" -o "$work/m$n" >/dev/null 2>"$work/stderr" ||
        { head -n 30 "$work/stderr" >&2; echo "migc build failed on $n migrations" >&2; exit 1; }
    end=$(date +%s%N)
    printf '| %s | %s | %s | %s |\n' "$n" "$(awk -v t=$(( (end - start) / 1000000 )) 'BEGIN { printf "%.2f", t / 1000 }')" \
        "$(awk -v k="$(cat "$work/time")" 'BEGIN { printf "%.1f", k / 1024 }')" \
        "$(awk -v b="$(stat -c %s "$work/m$n")" 'BEGIN { printf "%.1f", b / 1048576 }')"
}
echo "| migrations | migc build seconds | peak MB (migc) | migrator MB |"
echo "|---:|---:|---:|---:|"
build_row 100
build_row 1000
build_row 10000
echo

# Fixed-point arithmetic in awk: bash has integers only.
awk -v t1="$t1" -v m1="$m1" -v t10="$t10" -v m10="$m10" 'BEGIN {
    ratio = t1 > 0 ? t10 / t1 : 0
    ok_t = t10 < 2000; ok_m = m10 < 200 * 1024; ok_r = ratio <= 12
    print "| migrations | seconds (best of 3) | target | peak MB | target |"
    print "|---:|---:|---|---:|---|"
    printf "| 1,000 | %.3f | | %.1f | |\n", t1 / 1000, m1 / 1024
    printf "| 10,000 | %.3f | < 2 s %s | %.1f | < 200 MB %s |\n", t10 / 1000,
        ok_t ? "(met)" : "(MISSED)", m10 / 1024, ok_m ? "(met)" : "(MISSED)"
    printf "\nratio of times 10,000 / 1,000: %.1f (target <= 12 %s)\n", ratio, ok_r ? "(met)" : "(MISSED)"
    exit !(ok_t && ok_m && ok_r)
}'
