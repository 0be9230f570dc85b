#!/usr/bin/env bash
# Up-to-date checks, measured side by side with a raw script that does the minimum for the app by hand: build the
# app and its tests, run the tests, publish, docker build, run the image until /health answers, push its tags.
#   1. nothing changed:        ./build.sh PushImage    against the raw script        (target: at most 0.3 times)
#   2. one line of the app:    ./build.sh PushImage    against the raw script        (target: at most 1.2 times)
#   3. nothing changed:        ./build.sh Test                                        (target: under 3 s)
# Each change is a new line in the app's catalog, made before each run of either side and undone at the end.
# Usage: tests/Benchmarks/incremental.sh [runs]   (default 5; needs Docker, which ./build.sh PushImage sets up)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-5}"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1

. "$(dirname "${BASH_SOURCE[0]}")/median.sh"

GITVERSION="$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/gitversion.msbuild/*/tools/net10.0/gitversion.dll | sort -V | tail -n 1)"
CATALOG=src/Store/Catalog/ProductCatalog.cs
trap 'git -C "$ROOT" checkout -- "$CATALOG"' EXIT

raw() {
    set -e
    local version sha repo=localhost:5000/local/store-raw
    version="$(dotnet "$GITVERSION" "$ROOT" /showvariable SemVer /nofetch)"
    sha="$(git rev-parse HEAD)"
    dotnet restore tests/Store.Tests/Store.Tests.csproj --nologo
    dotnet build tests/Store.Tests/Store.Tests.csproj --no-restore --configuration Debug -p:Version="$version" -p:InformationalVersion="$version" --nologo
    dotnet test tests/Store.Tests/Store.Tests.csproj --no-build --configuration Debug --nologo
    dotnet publish src/Store/Store.csproj --runtime linux-x64 --no-self-contained --output src/Store/bin/publish/linux-x64 --configuration Debug -p:Version="$version" -p:InformationalVersion="$version" --nologo
    DOCKER_BUILDKIT=0 docker build --file src/Store/Dockerfile --tag "$repo:$version" --tag "$repo:sha-${sha:0:7}" \
        --label "org.opencontainers.image.version=$version" --label "org.opencontainers.image.revision=$sha" \
        --build-arg BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0 src/Store
    local container port
    container="$(docker run --detach --publish 127.0.0.1::8080 "$repo:$version")"
    port="$(docker port "$container" 8080/tcp | head -n 1)"
    for _ in $(seq 240); do curl -fsS "http://$port/health" >/dev/null 2>&1 && break; sleep 0.25; done
    docker rm --force "$container" >/dev/null
    for tag in "$version" "sha-${sha:0:7}"; do docker push "$repo:$tag"; done
}

change() { echo "// benchmark change $(date +%s%N)" >> "$CATALOG"; }
raw_after_change() { change; raw; }
keel_after_change() { change; ./build.sh PushImage; }

echo "Warming up ..." >&2
./build.sh PushImage >/dev/null
raw >/dev/null 2>&1
git checkout -- "$CATALOG"
./build.sh PushImage >/dev/null
raw >/dev/null 2>&1

echo "1. nothing changed, $RUNS runs each ..." >&2
keel_same=$(median ./build.sh PushImage)
raw_same=$(median raw)
test_same=$(median ./build.sh Test)

echo "2. one line of the app changed before each run, $RUNS runs each ..." >&2
keel_changed=$(median keel_after_change)
raw_changed=$(median raw_after_change)

printf '\n%-52s %9s %9s %8s %s\n' "run" "Keel s" "raw s" "ratio" "target"
awk -v k="$keel_same" -v r="$raw_same" 'BEGIN { printf "%-52s %9.2f %9.2f %8.2f %s\n", "PushImage, nothing changed", k, r, k / r, (k / r <= 0.3 ? "<= 0.3: met" : "<= 0.3: NOT met") }'
awk -v k="$keel_changed" -v r="$raw_changed" 'BEGIN { printf "%-52s %9.2f %9.2f %8.2f %s\n", "PushImage, one line of the app changed", k, r, k / r, (k / r <= 1.2 ? "<= 1.2: met" : "<= 1.2: NOT met") }'
awk -v t="$test_same" 'BEGIN { printf "%-52s %9.2f %9s %8s %s\n", "Test, nothing changed", t, "", "", (t < 3 ? "< 3 s: met" : "< 3 s: NOT met") }'
