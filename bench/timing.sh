# Sourced by the benchmarks: best-of-N timing of shell commands.
# Needs $RUNS (how many runs) and $work (a directory for stderr).

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# best SETUP CMD: runs SETUP (untimed) then CMD, RUNS times; sets ms to the
# best time of CMD. Fails the benchmark when CMD fails.
best() {
    local setup=$1 cmd=$2 i t0 t
    ms=
    for i in $(seq "$RUNS"); do
        eval "$setup" || { echo "setup failed: $setup" >&2; exit 1; }
        t0=$(now_ms)
        eval "$cmd" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; echo "failed: $cmd" >&2; exit 1; }
        t=$(( $(now_ms) - t0 ))
        if [ -z "$ms" ] || [ "$t" -lt "$ms" ]; then ms=$t; fi
    done
}
