#!/usr/bin/env bash
# Multi-platform benchmark: one `./build.sh PushImage --platforms linux/amd64,linux/arm64` against the two
# single-platform pushes it replaces (`--platforms linux/amd64`, then `--platforms linux/arm64`), each run on a new
# commit so that everything is done for real (version, compile, publish, image, smoke test, push), to the embedded
# registry at localhost:5000; each side pushes to its own image names. It also reports how long the smoke test of
# each platform's image takes: arm64 runs under emulation on an x64 machine.
# Runs in a throwaway clone of this repository; the stand-in base images it needs stay in the engine's store.
# Usage: tests/Benchmarks/platforms.sh [runs]   (default 3; needs root on Debian the first time, for Docker and emulation)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1

work="$(mktemp -d /tmp/keel-bench-platforms-XXXXXX)"
trap 'rm -rf "$work"' EXIT
git clone -q "$ROOT" "$work/repo"
cd "$work/repo"
git config user.email bench@keel.local
git config user.name "Keel benchmark"

push() { ./build.sh PushImage --skip Test --no-logo "$@"; }
seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m }'; }

echo "Warming up (stand-in base images, emulation, packages) ..."
push --platforms linux/amd64,linux/arm64 --image-name bench-warm >/dev/null

both=() apart=() smoke_x64=() smoke_arm64=()
for run in $(seq "$RUNS"); do
    git commit -q --allow-empty -m "Benchmark run $run, both platforms"
    start=$(date +%s%N)
    output="$(push --platforms linux/amd64,linux/arm64 --image-name bench-multi 2>&1)"
    end=$(date +%s%N)
    both+=("$(seconds "$start" "$end")")
    smoke_x64+=("$(grep -oP 'Smoke test passed in \K[0-9.]+(?= s: .* on X64)' <<<"$output")")
    smoke_arm64+=("$(grep -oP 'Smoke test passed in \K[0-9.]+(?= s: .* on Arm64)' <<<"$output")")

    git commit -q --allow-empty -m "Benchmark run $run, one platform at a time"
    start=$(date +%s%N)
    push --platforms linux/amd64 --image-name bench-amd64 >/dev/null 2>&1
    push --platforms linux/arm64 --image-name bench-arm64 >/dev/null 2>&1
    end=$(date +%s%N)
    apart+=("$(seconds "$start" "$end")")
    echo "run $run: both ${both[-1]} s, apart ${apart[-1]} s, smoke x64 ${smoke_x64[-1]} s, arm64 ${smoke_arm64[-1]} s"
done

m_both=$(printf '%s\n' "${both[@]}" | median)
m_apart=$(printf '%s\n' "${apart[@]}" | median)
printf '\n%-60s %9s\n' "over $RUNS runs, each on a new commit" "median s"
printf '%-60s %9s\n' "PushImage --platforms linux/amd64,linux/arm64" "$m_both"
printf '%-60s %9s\n' "PushImage --platforms linux/amd64, then linux/arm64" "$m_apart"
printf '%-60s %9s\n' "  smoke test of the linux/amd64 image (native)" "$(printf '%s\n' "${smoke_x64[@]}" | median)"
printf '%-60s %9s\n' "  smoke test of the linux/arm64 image (emulated)" "$(printf '%s\n' "${smoke_arm64[@]}" | median)"
awk -v b="$m_both" -v a="$m_apart" 'BEGIN { printf "ratio both / apart: %.2f\n", b / a }'
