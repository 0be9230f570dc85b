#!/usr/bin/env bash
# Start-up benchmark: a warm `./build.sh --help`, side by side with what NUKE's bootstrap pays on every run
# (a no-op `dotnet build` of the build project), the floor (a bare `dotnet` console program), the build started
# without build.sh, and the same build compiled without ReadyToRun (what compiling ahead of time saves: build.sh's
# build is ReadyToRun for this machine, see build/_build.csproj).
# Usage: tests/Benchmarks/startup.sh [runs]   (default 15 runs each; prints medians in seconds and ratios)
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

cd "$ROOT"
echo "Measuring $RUNS runs each ..."
keel=$(median ./build.sh --help)
rebuild=$(median dotnet build "$ROOT/build/_build.csproj" --nologo --verbosity quiet)
bare=$(median dotnet "$WORK/bare/out/bare.dll")
direct=$(median dotnet "$ROOT/build/bin/_build.dll" --help)
jit=$(median dotnet "$WORK/jit/build/bin/_build.dll" --help --root "$ROOT")

printf '\n%-44s %8s\n' "command" "median s"
printf '%-44s %8s\n' "./build.sh --help (warm)" "$keel"
printf '%-44s %8s\n' "dotnet build build/_build.csproj (no-op)" "$rebuild"
printf '%-44s %8s\n' "bare dotnet console program" "$bare"
printf '%-44s %8s\n' "dotnet build/bin/_build.dll --help" "$direct"
printf '%-44s %8s\n' "the build without ReadyToRun, --help" "$jit"
echo
awk -v k="$keel" -v r="$rebuild" -v b="$bare" -v d="$direct" -v j="$jit" 'BEGIN {
    printf "no-op dotnet build / ./build.sh --help: %.1fx\n", r / k
    printf "./build.sh --help / bare program:       %.1fx (goal: 2.5x or less)\n", k / b
    printf "_build.dll --help / bare program:       %.1fx\n", d / b
    printf "without ReadyToRun --help / bare:       %.1fx\n", j / b
    printf "target: ./build.sh --help <= 0.5 s: %s\n", (k <= 0.5 ? "met" : "NOT met")
}'
