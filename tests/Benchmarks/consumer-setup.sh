# Sourced by consumer.sh and distributed.sh: what both need to measure a repository made from README's "Use Keel in
# your own repository". The caller sets ROOT (this repository) and WORK (a throwaway folder) first, and calls
# bench_cleanup on exit.
# - bench_registry: a registry with a password on a free port of 127.0.0.1 (REGISTRY, USERNAME, REGISTRY_PASSWORD);
# - bench_pack: Keel's packages from ./build.sh Pack, where the recipe's nuget.config looks (../keel);
# - bench_recipe ORIGIN: the recipe's repository, committed (the multi-stage Dockerfile the container tests read);
# - seconds LOG COMMAND...: its wall time in seconds, its output in LOG (a failure stops the benchmark with that log);
# - middle: the median of the numbers on standard input.

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
USERNAME=bench
export REGISTRY_PASSWORD="bench-$RANDOM$RANDOM"
REGISTRY=""
REGISTRY_PID=""

bench_cleanup() {
    [[ -n "$REGISTRY_PID" ]] && kill "$REGISTRY_PID" 2>/dev/null || true
    [[ -n "$REGISTRY" ]] && docker images --format '{{.Repository}}:{{.Tag}}' | grep "^$REGISTRY/" | xargs -r docker image rm --force >/dev/null 2>&1 || true
    rm -rf "$WORK"
}

bench_load() {
    echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); busiest processes besides this one:"
    # awk reads to the end: head would close the pipe early, and pipefail would take ps's SIGPIPE for a failure.
    ps -eo pcpu,etime,args --sort=-pcpu | grep -v -e "$$" -e 'ps -eo' | awk 'NR <= 6' | cut -c1-150
}

bench_registry() {
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    REGISTRY="127.0.0.1:$port"
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
}

# The digest a tag names in the registry, as the registry's API answers (the password on curl's standard input).
bench_digest() {
    curl -fsS -K - -o /dev/null -D - -I \
        -H 'Accept: application/vnd.oci.image.manifest.v1+json' -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        -H 'Accept: application/vnd.oci.image.index.v1+json' "http://$REGISTRY/v2/$1/manifests/$2" <<<"user = \"$USERNAME:$REGISTRY_PASSWORD\"" |
        tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'
}

bench_pack() {
    echo "Packing Keel (./build.sh Pack) ..."
    (cd "$ROOT" && ./build.sh Pack >/dev/null)
    mkdir -p "$WORK/keel/artifacts"
    ln -s "$ROOT/artifacts/packages" "$WORK/keel/artifacts/packages"
}

bench_recipe() {
    local origin="$1"
    echo "Making the repository from the README's recipe ..."
    mkdir -p "$origin"
    (
        cd "$origin"
        git init -q -b main
        git config user.email bench@keel.local
        git config user.name "Keel benchmark"
        dotnet new blazor -o BlazorApp >/dev/null
        cp "$ROOT/build.sh" "$ROOT/global.json" .
        mkdir -p .nuke
        # The README's blocks, each after its <!-- file: PATH --> comment (variants left out), and the multi-stage
        # Dockerfile the container tests read.
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
    )
}

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
