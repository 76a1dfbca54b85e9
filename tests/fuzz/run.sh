#!/bin/bash
# tests/fuzz/run.sh [--build-dir DIR] SECONDS
# tests/fuzz/run.sh [--build-dir DIR] --replay
#
# Builds the libFuzzer target fuzz_parse (clang, ASan + UBSan, coverage
# instrumentation of the whole compiler library) in its own build directory
# (default: build-fuzz at the repository root), then either
#   SECONDS   fuzzes parse_migration for that long, starting from the seed
#             corpus, and fails on a crash, a leak, a timeout (10 s on one
#             input) or running out of memory; a failing input is saved as
#             DIR/artifacts/crash-... (replay it: DIR/tests/fuzz_parse FILE);
#   --replay  runs each input of the seed corpus once (the ctest test
#             fuzz_corpus_asan).
# The seed corpus: every .mig under tests/ and migrations/, plus the files of
# tests/fuzz/corpus/ (add an input there to keep it as a regression case).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-fuzz
mode=
while [ $# -gt 0 ]; do
    case $1 in
    --build-dir) build=$2; shift 2 ;;
    --replay) mode=replay; shift ;;
    [0-9]*) mode=fuzz; seconds=$1; shift ;;
    *) echo "usage: $0 [--build-dir DIR] SECONDS|--replay" >&2; exit 2 ;;
    esac
done
[ -n "$mode" ] || { echo "usage: $0 [--build-dir DIR] SECONDS|--replay" >&2; exit 2; }

command -v clang >/dev/null || { echo "FAIL: clang is not installed (scripts/setup-deps installs it)" >&2; exit 1; }

echo "building fuzz_parse in $build"
mkdir -p "$build"
if ! { cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
           -DMIGC_SANITIZE=ON -DMIGC_FUZZ=ON -DBUILD_TESTING=ON >"$build/build.log" 2>&1 &&
       cmake --build "$build" --target fuzz_parse -j2 >>"$build/build.log" 2>&1; }; then
    cat "$build/build.log" >&2
    echo "FAIL: could not build the fuzz target" >&2
    exit 1
fi
fuzzer=$build/tests/fuzz_parse

# Seeds, flattened into one directory: libFuzzer reads a directory whole.
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
n=0
while IFS= read -r -d '' f; do
    rel=${f#"$root"/}
    cp "$f" "$seeds/${rel//\//__}"
    n=$((n + 1))
done < <(find "$root/tests" "$root/migrations" -name '*.mig' -type f -print0 2>/dev/null)
corpora=("$seeds")
[ -d "$root/tests/fuzz/corpus" ] && corpora+=("$root/tests/fuzz/corpus")
echo "seed corpus: $n .mig files${corpora[1]:+ and tests/fuzz/corpus}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$build/artifacts"
common=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/"
        -dict="$root/tests/fuzz/mig.dict")

if [ "$mode" = replay ]; then
    "$fuzzer" "${common[@]}" -runs=0 "${corpora[@]}" 2>"$build/replay.log"
    rc=$?
    if [ $rc -ne 0 ]; then
        cat "$build/replay.log" >&2
        echo "FAIL: fuzz_parse failed (exit $rc) on a seed input; the input is in $build/artifacts/" >&2
        exit 1
    fi
    grep -E 'INITED|DONE' "$build/replay.log" | tail -n 2
    echo "ok: every seed input parsed under ASan/UBSan without a crash or leak"
    exit 0
fi

# New interesting inputs go to the first directory; seeds stay as they are.
mkdir -p "$build/corpus"
"$fuzzer" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 \
    -max_len=16384 "$build/corpus" "${corpora[@]}" 2>"$build/fuzz.log"
rc=$?
if [ $rc -ne 0 ]; then
    tail -n 80 "$build/fuzz.log" >&2
    echo "FAIL: fuzzing found a problem (exit $rc); the input is in $build/artifacts/:" >&2
    ls -1 "$build/artifacts" >&2
    exit 1
fi
grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units' "$build/fuzz.log" | tail -n 2
echo "ok: $seconds s of fuzzing found no crash, leak or timeout"
