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
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
# The client Keel builds with where the engine has BuildKit (Debian's 20.10 client; a newer one needs buildx).
DOCKER_BUILD_CLIENT="${DOCKER_BUILD_CLIENT:-/usr/bin/docker}"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
REGISTRY="127.0.0.1:$PORT"
USERNAME=bench
export REGISTRY_PASSWORD="bench-$RANDOM$RANDOM"
REGISTRY_PID=""

cleanup() {
    [[ -n "$REGISTRY_PID" ]] && kill "$REGISTRY_PID" 2>/dev/null || true
    docker images --format '{{.Repository}}:{{.Tag}}' | grep "^$REGISTRY/" | xargs -r docker image rm --force >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); busiest processes besides this one:"
ps -eo pcpu,etime,args --sort=-pcpu | grep -v -e "$$" -e 'ps -eo' | head -n 6 | cut -c1-150

echo "Packing Keel (./build.sh Pack) ..."
(cd "$ROOT" && ./build.sh Pack >/dev/null)
mkdir -p "$WORK/keel/artifacts"
ln -s "$ROOT/artifacts/packages" "$WORK/keel/artifacts/packages"

echo "Starting a registry with a password at $REGISTRY ..."
mkdir -p "$WORK/registry"
htpasswd -Bbn "$USERNAME" "$REGISTRY_PASSWORD" > "$WORK/registry/htpasswd"
cat > "$WORK/registry/config.yml" <<CONFIG
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/registry/data
http:
  addr: $REGISTRY
auth:
  htpasswd:
    realm: bench
    path: $WORK/registry/htpasswd
CONFIG
docker-registry serve "$WORK/registry/config.yml" >"$WORK/registry/log" 2>&1 &
REGISTRY_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://$REGISTRY/v2/" && break; sleep 0.1; done

echo "Making the repository from the README's recipe ..."
ORIGIN="$WORK/origin"
mkdir -p "$ORIGIN"
cd "$ORIGIN"
git init -q -b main
git config user.email bench@keel.local
git config user.name "Keel benchmark"
dotnet new blazor -o BlazorApp >/dev/null
cp "$ROOT/build.sh" "$ROOT/global.json" .
mkdir -p .nuke
# The README's blocks, each after its <!-- file: PATH --> comment (variants left out), and the multi-stage Dockerfile
# the container tests read.
python3 - "$ROOT" <<'PYTHON'
import os, re, sys
root = sys.argv[1]
readme = open(os.path.join(root, "README.md")).read()
section = readme[readme.index("## Use Keel in your own repository"):]
section = section[:section.index("\n## ", 10)]
for match in re.finditer(r"<!-- file: ([^,>]+?) -->\s*\n```[a-z]*\n(.*?)^```", section, re.S | re.M):
    path, text = match.group(1).strip(), match.group(2)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    open(path, "w").write(text)
source = open(os.path.join(root, "tests/Keel.Containers.Tests/ArticleDockerfile.cs")).read()
body = source.split('"""')[1].strip("\n").split("\n")
indent = min(len(line) - len(line.lstrip()) for line in body if line.strip())
open("BlazorApp/Dockerfile", "w").write("\n".join(line[indent:] for line in body) + "\n")
PYTHON
git add -A
git commit -q -m "A Blazor app with a build on Keel"

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

# Seconds one command takes, its output kept in a log (a failure stops the benchmark with that log).
seconds() {
    local log="$1" start end
    shift
    start=$(date +%s%N)
    if ! "$@" >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        echo "failed: $*" >&2
        exit 1
    fi
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

middle() { sort -n | awk '{ a[NR] = $1 } END { printf "%.3f\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

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
