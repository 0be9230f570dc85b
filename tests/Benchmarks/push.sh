#!/usr/bin/env bash
# PushImage benchmark: `./build.sh PushImage --skip Test` against a raw shell script that runs the same commands
# (restore, GitVersion, build, publish, docker build, smoke run, docker push of every tag), both warm and with
# nothing changed, pushing to the embedded registry at localhost:5000. The tests are skipped on both sides: they
# cost the same either way and would only hide the orchestration's own cost. Then it changes one line of the
# app and reports how many bytes the next push sends.
# Usage: tests/Benchmarks/push.sh [runs]   (default 5; needs Docker, which ./build.sh PushImage sets up)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-5}"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1

. "$(dirname "${BASH_SOURCE[0]}")/median.sh"

GITVERSION="$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/gitversion.msbuild/*/tools/net10.0/gitversion.dll | sort -V | tail -n 1)"

# What a hand-written script does for the same job, with the same tags and labels.
raw() {
    set -e
    dotnet restore Keel.slnx --nologo
    local version sha branch repo=localhost:5000/local/store
    version="$(dotnet "$GITVERSION" "$ROOT" /showvariable SemVer /nofetch)"
    sha="$(git rev-parse HEAD)"
    branch="$(git symbolic-ref --short HEAD | tr -c 'A-Za-z0-9_.\n-' '-')"
    dotnet build Keel.slnx --no-restore --configuration Debug -p:Version="$version" -p:InformationalVersion="$version" --nologo
    dotnet publish src/Store/Store.csproj --runtime linux-x64 --no-self-contained --output src/Store/bin/publish/linux-x64 --configuration Debug -p:Version="$version" -p:InformationalVersion="$version" --nologo
    DOCKER_BUILDKIT=0 docker build --file src/Store/Dockerfile \
        --tag "$repo:$version" --tag "$repo:sha-${sha:0:7}" --tag "$repo:$branch" \
        --label "org.opencontainers.image.version=$version" --label "org.opencontainers.image.revision=$sha" \
        --label "org.opencontainers.image.created=$(git show -s --format=%cI HEAD)" \
        --build-arg BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0 src/Store
    local container port
    container="$(docker run --detach --publish 127.0.0.1::8080 "$repo:$version")"
    port="$(docker port "$container" 8080/tcp | head -n 1)"
    for _ in $(seq 120); do curl -fsS "http://$port/health" >/dev/null 2>&1 && break; sleep 0.25; done
    docker rm --force "$container" >/dev/null
    for tag in "$version" "sha-${sha:0:7}" "$branch"; do docker push "$repo:$tag"; done
}

echo "Warming up (first PushImage, first raw run) ..."
./build.sh PushImage --skip Test >/dev/null
raw >/dev/null 2>&1

echo "Measuring $RUNS runs each, nothing changed ..."
keel=$(median ./build.sh PushImage --skip Test)
script=$(median raw)

printf '\n%-46s %9s\n' "command" "median s"
printf '%-46s %9s\n' "./build.sh PushImage --skip Test" "$keel"
printf '%-46s %9s\n' "raw script, same commands" "$script"
awk -v k="$keel" -v r="$script" 'BEGIN { printf "ratio ours / raw: %.2f (target <= 1.15: %s)\n", k / r, (k / r <= 1.15 ? "met" : "NOT met") }'

echo
echo "Changing one line of the app and pushing again ..."
# Blobs of the image at :main, read through the registry API (wherever that registry keeps its data): the new
# image's blobs that the old one did not have are what the push had to send.
blobs() {
    curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://localhost:5000/v2/local/store/manifests/main" |
        python3 -c 'import json, sys; m = json.load(sys.stdin); [print(b["digest"], b["size"]) for b in [m["config"], *m["layers"]]]'
}
before="$(blobs)"
# A change never pushed before (an identical one would find its layer already there).
sed -i "s/Stoneware mug, 350 ml./Stoneware mug, 350 ml, batch $(date +%s%N)./" src/Store/Catalog/ProductCatalog.cs
trap 'git -C "$ROOT" checkout -- src/Store/Catalog/ProductCatalog.cs' EXIT
output="$(./build.sh PushImage --skip Test 2>&1)"
after="$(blobs)"
sent=$(awk 'NR == FNR { old[$1] = 1; next } !($1 in old) { sum += $2 } END { print sum + 0 }' <(echo "$before") <(echo "$after"))
image_size=$(awk '{ sum += $2 } END { print sum }' <(echo "$after"))
pushed_layers=$(grep -c ': Pushed' <<<"$output" || true)
existing_layers=$(grep -c 'Layer already exists' <<<"$output" || true)
printf 'bytes of new blobs in the registry: %s (the whole image, compressed: %s bytes)\n' "$sent" "$image_size"
printf 'layers sent: %s, layers already there: %s (over all tags)\n' "$pushed_layers" "$existing_layers"
