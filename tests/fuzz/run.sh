#!/bin/bash
# tests/fuzz/run.sh [--build-dir DIR] [--target NAME] [--no-build] SECONDS
# tests/fuzz/run.sh [--build-dir DIR] [--target NAME] [--no-build] --replay
#
# Builds the libFuzzer targets (clang, ASan + UBSan, coverage
# instrumentation of the compiler and runtime libraries) in their own build
# directory (default: build-fuzz at the repository root), with the
# sanitized runtime and migrators beside them, then, for the target NAME
# (default parse), either
#   SECONDS   fuzzes it for that long, starting from the seed corpus, and
#             fails on a crash, a leak, a timeout (10 s on one input) or
#             running out of memory; a failing input is saved as
#             DIR/artifacts/crash-... (replay it: DIR/tests/fuzz_NAME FILE);
#   --replay  runs each input of the seed corpus once (the ctest tests
#             fuzz_corpus_asan and fuzz_corpus_NAME_asan).
# --no-build uses the targets as built (the replay tests, whose build the
# test fuzz_corpus_asan did, so that two builds never share the directory).
# Targets: parse (a .mig file; seeds: every .mig under tests/ and
# migrations/, plus tests/fuzz/corpus/), targets (a target word such as
# LABEL@-1 over a small graph), dotenv (a .env file), dburl (a database
# URL), offline (a message, directory, file and migrator name, NUL-
# separated, rendered to SQL and C), cli (the migrator's arguments,
# environment and .env together, run in-process in a directory of its own;
# the input's form is described in fuzz_cli.c); the seeds of the last five
# are tests/fuzz/corpus_NAME/. Add an input there to keep it as a
# regression case.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-fuzz
mode= target=parse build_it=1
usage="usage: $0 [--build-dir DIR] [--target parse|targets|dotenv|dburl|offline|cli] [--no-build] SECONDS|--replay"
while [ $# -gt 0 ]; do
    case $1 in
    --build-dir) build=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --no-build) build_it=; shift ;;
    --replay) mode=replay; shift ;;
    [0-9]*) mode=fuzz; seconds=$1; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
    esac
done
[ -n "$mode" ] || { echo "$usage" >&2; exit 2; }
case $target in parse | targets | dotenv | dburl | offline | cli) ;; *) echo "$usage" >&2; exit 2 ;; esac

# Absolute: fuzz_cli runs in a directory of its own.
mkdir -p "$build" && build=$(cd "$build" && pwd)

command -v clang >/dev/null || { echo "FAIL: clang is not installed (scripts/setup-deps installs it)" >&2; exit 1; }

if [ -n "$build_it" ]; then
    echo "building the fuzz targets and the sanitized migrators in $build"
    mkdir -p "$build"
    if ! { cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
               -DMIGC_SANITIZE=ON -DMIGC_FUZZ=ON -DBUILD_TESTING=ON >"$build/build.log" 2>&1 &&
           cmake --build "$build" --target fuzz_parse fuzz_targets fuzz_dotenv fuzz_dburl fuzz_offline fuzz_cli migc \
               demo-migrate -j2 >>"$build/build.log" 2>&1; }; then
        cat "$build/build.log" >&2
        echo "FAIL: could not build the fuzz targets" >&2
        exit 1
    fi
fi
fuzzer=$build/tests/fuzz_$target
[ -x "$fuzzer" ] || { echo "FAIL: no fuzz target $fuzzer (run without --no-build)" >&2; exit 1; }

if [ "$target" = parse ]; then
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
    dict=(-dict="$root/tests/fuzz/mig.dict")
else
    corpora=("$root/tests/fuzz/corpus_$target")
    echo "seed corpus: $(ls "${corpora[0]}" | wc -l) inputs in tests/fuzz/corpus_$target"
    dict=()
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$build/artifacts"
common=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/" "${dict[@]}")

if [ "$mode" = replay ]; then
    "$fuzzer" "${common[@]}" -runs=0 "${corpora[@]}" 2>"$build/replay-$target.log"
    rc=$?
    if [ $rc -ne 0 ]; then
        cat "$build/replay-$target.log" >&2
        echo "FAIL: fuzz_$target failed (exit $rc) on a seed input; the input is in $build/artifacts/" >&2
        exit 1
    fi
    grep -E 'INITED|DONE' "$build/replay-$target.log" | tail -n 2
    echo "ok: every seed input of fuzz_$target ran under ASan/UBSan without a crash or leak"
    exit 0
fi

# New interesting inputs go to the first directory; seeds stay as they are.
mkdir -p "$build/corpus-$target"
"$fuzzer" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 \
    -max_len=16384 "$build/corpus-$target" "${corpora[@]}" 2>"$build/fuzz-$target.log"
rc=$?
if [ $rc -ne 0 ]; then
    tail -n 80 "$build/fuzz-$target.log" >&2
    echo "FAIL: fuzzing found a problem (exit $rc); the input is in $build/artifacts/:" >&2
    ls -1 "$build/artifacts" >&2
    exit 1
fi
grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units' "$build/fuzz-$target.log" | tail -n 2
echo "ok: $seconds s of fuzzing found no crash, leak or timeout"
