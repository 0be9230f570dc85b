# Sourced by the benchmarks: `median COMMAND...` runs the command $RUNS times (output discarded) and prints the
# median wall time in seconds; `median_of TIMES...` prints the median, in seconds, of times in microseconds.
median() {
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        times+=("$(( (end - start) / 1000 ))")
    done
    median_of "${times[@]}"
}

median_of() {
    printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f\n", m / 1000000 }'
}
