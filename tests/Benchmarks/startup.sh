#!/usr/bin/env bash
# Start-up benchmark: a warm `./build.sh --help`, side by side with what NUKE's bootstrap pays on every run
# (a no-op `dotnet build` of the build project), the floor (a bare `dotnet` console program), the build started
# without build.sh, and the same build compiled without ReadyToRun (what compiling ahead of time saves: build.sh's
# build is ReadyToRun for this machine, see build/_build.csproj).
# Usage: tests/Benchmarks/startup.sh [rounds]   (default 15; prints medians in seconds and ratios)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-15}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1

. "$(dirname "${BASH_SOURCE[0]}")/median.sh"

echo "Preparing (compiling the build and a bare console program) ..."
"$ROOT/build.sh" --help >/dev/null
mkdir -p "$WORK/bare"
cat > "$WORK/bare/bare.csproj" <<'PROJECT'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <UseAppHost>false</UseAppHost>
  </PropertyGroup>
</Project>
PROJECT
echo 'System.Console.WriteLine("hello");' > "$WORK/bare/Program.cs"
dotnet build "$WORK/bare/bare.csproj" -o "$WORK/bare/out" --nologo --verbosity quiet >/dev/null
dotnet build "$ROOT/build/_build.csproj" --nologo --verbosity quiet >/dev/null
# A copy of the build and the engine, so the repository's own outputs stay as build.sh compiled them.
mkdir -p "$WORK/jit/src"
cp -r "$ROOT/build" "$ROOT/global.json" "$ROOT/Directory.Build.props" "$WORK/jit/"
cp -r "$ROOT"/src/Keel* "$WORK/jit/src/"
find "$WORK/jit" \( -name bin -o -name obj \) -type d -prune -exec rm -rf {} +
dotnet build "$WORK/jit/build/_build.csproj" -p:PublishReadyToRun=false --nologo --verbosity quiet >/dev/null
# Its own root, so that its generated files and their stamps are its own: sharing the repository's, each build would
# find the other's stamps and generate everything again on every run.
mkdir -p "$WORK/jit/.nuke"
cp "$ROOT/.nuke/parameters.json" "$WORK/jit/.nuke/"
dotnet "$WORK/jit/build/bin/_build.dll" --help --root "$WORK/jit" >/dev/null

cd "$ROOT"
# The four start-ups are measured in turn, one run of each per round, so that a machine that speeds up or slows down
# during the benchmark (other work, a VM's neighbours) moves all four alike and the ratios stay fair.
echo "Measuring $RUNS rounds ..."
COMMANDS=(
    "./build.sh --help"
    "dotnet $WORK/bare/out/bare.dll"
    "dotnet $ROOT/build/bin/_build.dll --help"
    "dotnet $WORK/jit/build/bin/_build.dll --help --root $WORK/jit"
)
declare -a TIMES
for _ in $(seq "$RUNS"); do
    for i in "${!COMMANDS[@]}"; do
        start=$(date +%s%N)
        ${COMMANDS[$i]} >/dev/null 2>&1
        end=$(date +%s%N)
        TIMES[$i]+="$(( (end - start) / 1000 )) "
    done
done
# Each entry of TIMES holds one command's times separated by spaces, split here into median_of's arguments.
keel=$(median_of ${TIMES[0]})
bare=$(median_of ${TIMES[1]})
direct=$(median_of ${TIMES[2]})
jit=$(median_of ${TIMES[3]})
rebuild=$(RUNS=5 median dotnet build "$ROOT/build/_build.csproj" --nologo --verbosity quiet)

# What the runtime still compiles while the build starts (each method is compiled on every run): the engine and its
# packages are ReadyToRun, so this is what is left, mostly the framework's generic code over the build's own types.
jit_log="$WORK/jit.txt"
DOTNET_JitStdOutFile="$jit_log" DOTNET_JitDisasmSummary=1 dotnet "$ROOT/build/bin/_build.dll" --help >/dev/null 2>&1
compiled=$(grep -c 'JIT compiled' "$jit_log" || true)

printf '\n%-44s %8s\n' "command" "median s"
printf '%-44s %8s\n' "./build.sh --help (warm)" "$keel"
printf '%-44s %8s\n' "dotnet build build/_build.csproj (no-op)" "$rebuild"
printf '%-44s %8s\n' "bare dotnet console program" "$bare"
printf '%-44s %8s\n' "dotnet build/bin/_build.dll --help" "$direct"
printf '%-44s %8s\n' "the build without ReadyToRun, --help" "$jit"
echo "methods compiled at start-up by --help: $compiled"
echo
awk -v k="$keel" -v r="$rebuild" -v b="$bare" -v d="$direct" -v j="$jit" 'BEGIN {
    printf "no-op dotnet build / ./build.sh --help: %.1fx\n", r / k
    printf "./build.sh --help / bare program:       %.2fx (goal: 2.5x or less)\n", k / b
    printf "_build.dll --help / bare program:       %.2fx\n", d / b
    printf "without ReadyToRun --help / bare:       %.2fx\n", j / b
    printf "target: ./build.sh --help <= 0.5 s: %s\n", (k <= 0.5 ? "met" : "NOT met")
}'
