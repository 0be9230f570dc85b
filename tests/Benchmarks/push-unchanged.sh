#!/usr/bin/env bash
# `./build.sh PushImage` with nothing changed, tests included, side by side: a clone at an earlier commit (where
# Test ran the whole solution's tests, the engine's among them) against a clone at this one (where Test runs the
# app's tests and the engine's have TestEngine). Both push to the embedded registry at localhost:5000; each is run
# once to warm up, then RUNS times. Prints the medians and their ratio.
# Usage: tests/Benchmarks/push-unchanged.sh [earlier-commit] [runs]   (defaults: 95da4bf, 3; needs Docker)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BEFORE="${1:-95da4bf}"
RUNS="${2:-3}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1

. "$(dirname "${BASH_SOURCE[0]}")/median.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for side in before after; do
    git clone -q "$ROOT" "$work/$side"
done
git -C "$work/before" checkout -q -B main "$BEFORE"
git -C "$work/after" checkout -q -B main "$(git -C "$ROOT" rev-parse HEAD)"

push() { (cd "$1" && ./build.sh PushImage); }

for side in before after; do
    echo "Warming up $side ($(git -C "$work/$side" rev-parse --short HEAD)) ..." >&2
    # A second try before giving up: a test that fails once under load should not end the measurement.
    push "$work/$side" >"$work/$side.log" 2>&1 || push "$work/$side" >"$work/$side.log" 2>&1 || { tail -n 30 "$work/$side.log" >&2; exit 1; }
done

before="$(median push "$work/before")"
after="$(median push "$work/after")"
printf 'PushImage, nothing changed (median of %s)\n' "$RUNS"
printf '  %-28s %8.1f s\n' "before ($BEFORE)" "$before" "after ($(git -C "$ROOT" rev-parse --short HEAD))" "$after"
awk -v a="$after" -v b="$before" 'BEGIN { printf "  after / before: %.2f\n", a / b }'
