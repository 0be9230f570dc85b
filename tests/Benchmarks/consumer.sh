#!/usr/bin/env bash
# Consumer benchmark: another team's repository, made as the README's "Use Keel in your own repository" says (a
# `dotnet new blazor` app with the multi-stage Dockerfile, build/ from the README's blocks as written, Keel's packages
# from ./build.sh Pack), pushing to a registry with a password on this machine. It measures `./build.sh PushImage`
#   cold:      a fresh clone (no bin, obj, .nuke/temp) of a new commit that changed one line of the app, so the
#              build project is restored and compiled and Docker builds the app's layers anew (the restore layer stays
#              cached: the project file did not change);
#   unchanged: the same command again in that clone;
# each beside a raw script doing the least by hand for the same Dockerfile: `docker login`, `docker build` with three
# tags (BuildKit, through the client Keel uses), `docker push` of each tag, `docker logout`, on its own new commit and
# fresh clone. Keel also smoke-tests the image and verifies every tag in the registry; the raw script does neither.
# Not measured: making the stand-in base images (aspnet, sdk), which are made once per machine and are in the
# engine's store before the first run here (the warm-up makes them if missing), and the NuGet cache, which is warm.
# Usage: tests/Benchmarks/consumer.sh [runs]   (default 3; needs Docker, Debian's docker-registry and htpasswd)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
WORK="$(mktemp -d /tmp/keel-bench-consumer.XXXXXX)"
# The client Keel builds with where the engine has BuildKit (Debian's 20.10 client; a newer one needs buildx).
DOCKER_BUILD_CLIENT="${DOCKER_BUILD_CLIENT:-/usr/bin/docker}"
. "$(dirname "${BASH_SOURCE[0]}")/consumer-setup.sh"
trap bench_cleanup EXIT

bench_load
bench_pack
bench_registry
ORIGIN="$WORK/origin"
bench_recipe "$ORIGIN"

# A new commit of the origin that changes one line of the app, and a fresh clone of it in $CLONE.
change=0
fresh_clone() {
    change=$((change + 1))
    sed -i "s/Hello, world!.*</Hello, world! (change $change)</" "$ORIGIN/BlazorApp/Components/Pages/Home.razor"
    git -C "$ORIGIN" commit -q -am "Change $change"
    CLONE="$WORK/clone-$change"
    git clone -q "$ORIGIN" "$CLONE"
}

keel_push() {
    ./build.sh PushImage --registry "$REGISTRY" --owner acme-corp --image-name blazorapp --registry-username "$USERNAME"
}

raw_push() {
    local repo="$REGISTRY/acme-corp/blazorapp-raw" sha
    sha="$(git rev-parse --short=7 HEAD)"
    local config
    config="$(mktemp -d)"
    DOCKER_CONFIG="$config" docker login "$REGISTRY" --username "$USERNAME" --password-stdin <<<"$REGISTRY_PASSWORD"
    DOCKER_BUILDKIT=1 "$DOCKER_BUILD_CLIENT" build --tag "$repo:raw-$sha" --tag "$repo:sha-$sha" --tag "$repo:main" BlazorApp
    for tag in "raw-$sha" "sha-$sha" main; do DOCKER_CONFIG="$config" docker push "$repo:$tag"; done
    DOCKER_CONFIG="$config" docker logout "$REGISTRY"
    rm -rf "$config"
}

echo "Warming up (a first push each way; makes the stand-in base images if the engine has none) ..."
fresh_clone && cd "$CLONE"
warm_keel=$(seconds "$WORK/warm-keel.log" keel_push)
fresh_clone && cd "$CLONE"
warm_raw=$(seconds "$WORK/warm-raw.log" raw_push)
echo "  warm-up: Keel $warm_keel s, raw $warm_raw s"

echo "Measuring $RUNS runs each ..."
keel_cold=() keel_same=() raw_cold=() raw_same=()
for run in $(seq "$RUNS"); do
    fresh_clone && cd "$CLONE"
    t=$(seconds "$WORK/keel-cold-$run.log" keel_push) && keel_cold+=("$t")
    t=$(seconds "$WORK/keel-same-$run.log" keel_push) && keel_same+=("$t")
    fresh_clone && cd "$CLONE"
    t=$(seconds "$WORK/raw-cold-$run.log" raw_push) && raw_cold+=("$t")
    t=$(seconds "$WORK/raw-same-$run.log" raw_push) && raw_same+=("$t")
    echo "  run $run: Keel cold ${keel_cold[-1]} s, unchanged ${keel_same[-1]} s; raw cold ${raw_cold[-1]} s, unchanged ${raw_same[-1]} s"
done
cd "$ROOT"

kc=$(printf '%s\n' "${keel_cold[@]}" | middle)
ks=$(printf '%s\n' "${keel_same[@]}" | middle)
rc=$(printf '%s\n' "${raw_cold[@]}" | middle)
rs=$(printf '%s\n' "${raw_same[@]}" | middle)
printf '\n%-58s %9s\n' "median of $RUNS runs" "seconds"
printf '%-58s %9s\n' "./build.sh PushImage, cold (fresh clone, new commit)" "$kc"
printf '%-58s %9s\n' "raw docker build + push, cold (fresh clone, new commit)" "$rc"
printf '%-58s %9s\n' "./build.sh PushImage, nothing changed" "$ks"
printf '%-58s %9s\n' "raw docker build + push, nothing changed" "$rs"
awk -v kc="$kc" -v rc="$rc" -v ks="$ks" -v rs="$rs" 'BEGIN { printf "ratio Keel / raw: cold %.2f, nothing changed %.2f\n", kc / rc, ks / rs }'
echo
echo "Where the last cold ./build.sh PushImage spent its time (beyond the targets: compiling the build, starting):"
sed -n '/^Target /,/^Total/p' "$WORK/keel-cold-$RUNS.log" | grep -v '^─'
echo "Machine load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
