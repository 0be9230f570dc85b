#!/usr/bin/env bash
# Distributed publish benchmark: the critical path of the distributed publish workflow (its slowest platform job,
# PushPlatformImage on its own runner, plus the merge job, MergeImage) against the one-job workflow
# (./build.sh PushImage --platforms linux/amd64,linux/arm64 on one ubuntu-latest runner, arm64 under QEMU).
#
# What this machine cannot do, and how the benchmark is shaped around it: it is x64, and there is no arm64 .NET SDK
# here (NuGet serves the arm64 runtime and apphost packs, but no arm64 dotnet host), so the article's multi-stage
# Dockerfile (its build stage on mcr.microsoft.com/dotnet/sdk:10.0 runs restore, build and publish) cannot be built
# for arm64 here at all, emulated or not. So:
#   1. Measured in full, on this repository's Store (published on the host, src/Store/Dockerfile), whose arm64 image
#      does build here: the one-job push of both platforms, and each job of the distributed workflow alone (the
#      amd64 part; the arm64 part, its smoke test under emulation; the merge), each in a fresh clone of a new commit
#      as a fresh runner checks out. The jobs run one after another (2 cores); separate runners would run the
#      platform jobs side by side, so the critical path is max(amd64 part, arm64 part) + merge.
#   2. Measured, then estimated, on the README recipe's repository (a `dotnet new blazor` app and the article's
#      multi-stage Dockerfile, set up by consumer-setup.sh as consumer.sh does): the amd64 part job
#      (PushPlatformImage --platforms linux/amd64) in a fresh clone of a new commit that changes the app and its
#      project file (so the restore layer is built anew, as on a fresh runner whose Docker cache is empty), and its
#      BuildImage time; and an emulation factor F for .NET work on this machine: the same CPU-bound managed workload
#      (Roslyn compiling a generated C# library in a cold process, ReadyToRun like the SDK's own compiler, which is
#      what the build stage's restore/build/publish spend their time on), self-contained for linux-x64 and for
#      linux-arm64, each run in a container on the runtime-deps stand-in of its platform, the arm64 one under QEMU.
#      A web app's start to its first answer would mostly time the runtime's start-up, not compiling.
#      Estimates, labelled so:
#        one job     = amd64 job + F x the amd64 BuildImage (the arm64 build stage, emulated)
#                      + the arm64 smoke test under emulation (the Store's, measured in 1.) + the amd64 push again;
#        distributed = max(amd64 job, arm64 job) + the merge measured in 1., a native arm64 runner taken to be as
#                      fast as the x64 one, so the arm64 job is the amd64 job.
# Runs of the things compared are interleaved (their order alternates each run) so the load of other work on this
# shared machine hits both alike; the load is printed before and after.
# Not measured: runner queueing and start-up, image pulls and the .NET set-up on a fresh runner (the stand-in base
# images and the NuGet cache are warm here), the artifact and output hand-over between jobs, Test (skipped on every
# side: each platform's job runs it in parallel, so it adds the same to either critical path), and the speed of a
# real arm64 runner.
# Usage: tests/Benchmarks/distributed.sh [runs]   (default 3; needs Docker, Debian's docker-registry and htpasswd,
# and root the first time, for emulation)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
WORK="$(mktemp -d /tmp/keel-bench-distributed.XXXXXX)"
. "$(dirname "${BASH_SOURCE[0]}")/consumer-setup.sh"
trap bench_cleanup EXIT
# The arm64 workload's runtime under QEMU: writable-and-executable pages mapped twice trip user-mode emulation.
EMULATED_DOTNET=(-e DOTNET_EnableWriteXorExecute=0)

bench_load
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_pack
bench_registry
login=(--registry "$REGISTRY" --owner acme-corp --registry-username "$USERNAME")

# A target's duration in seconds from the summary table at the end of a Keel log (m:ss.f or h:mm:ss).
target_seconds() {
    awk -v target="$2" '$1 == target { d = $NF } END { n = split(d, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f\n", s }' "$1"
}
smoke_seconds() { grep -oP "Smoke test passed in \K[0-9.]+(?= s: .* on $2)" "$1" | tail -n 1; }

# --- 1. The Store, both workflows in full ------------------------------------------------------------------------
STORE="$WORK/store"
git clone -q "$ROOT" "$STORE"
# On main, as the publish workflow runs: a clone of this clone has the branches it has, and GitVersion needs main.
git -C "$STORE" checkout -q -B main
git -C "$STORE" config user.email bench@keel.local
git -C "$STORE" config user.name "Keel benchmark"
clones=0
# A new commit of $1 and a fresh clone of it, as actions/checkout with fetch-depth 0 makes one: $CLONE.
store_commit() { git -C "$1" commit -q --allow-empty -m "$2"; }
fresh_clone() {
    clones=$((clones + 1))
    CLONE="$WORK/clone-$clones"
    git clone -q "$1" "$CLONE"
}
in_clone() { (cd "$CLONE" && "$@"); }

store_one_job() { in_clone ./build.sh PushImage --skip Test --no-logo --platforms linux/amd64,linux/arm64 --image-name store-one-job "${login[@]}"; }
store_part() { in_clone ./build.sh PushPlatformImage --skip Test --no-logo --platforms "$1" --image-name store-distributed "${login[@]}"; }
store_merge() { in_clone ./build.sh MergeImage --no-logo --platforms linux/amd64,linux/arm64 --platform-digests "$1" --image-name store-distributed "${login[@]}"; }

# --- 2. The recipe's repository (the article's multi-stage Dockerfile), its amd64 job ------------------------------
RECIPE="$WORK/recipe"
bench_recipe "$RECIPE"
recipe_changes=0
# A new commit that changes the app and its project file: Docker's restore layer is built anew, as on a fresh runner.
recipe_commit() {
    recipe_changes=$((recipe_changes + 1))
    sed -i "s/Hello, world!.*</Hello, world! (change $recipe_changes)</" "$RECIPE/BlazorApp/Components/Pages/Home.razor"
    echo "<!-- change $recipe_changes -->" >> "$RECIPE/BlazorApp/BlazorApp.csproj"
    git -C "$RECIPE" commit -q -am "Change $recipe_changes"
}
recipe_part() { in_clone ./build.sh PushPlatformImage --no-logo --platforms linux/amd64 --image-name blazorapp "${login[@]}"; }

# --- The emulation factor's workload ------------------------------------------------------------------------------
echo "Publishing the emulation workload (Roslyn, self-contained, ReadyToRun) for linux-x64 and linux-arm64 ..."
WORKLOAD="$WORK/workload"
mkdir -p "$WORKLOAD"
cat > "$WORKLOAD/Workload.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <InvariantGlobalization>true</InvariantGlobalization>
    <SelfContained>true</SelfContained>
    <PublishReadyToRun>true</PublishReadyToRun>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="5.12.0" />
  </ItemGroup>
</Project>
XML
cat > "$WORKLOAD/Program.cs" <<'CSHARP'
// Roslyn parses, binds and emits a generated C# library against the runtime's own assemblies, in a cold process, as
// each dotnet restore/build/publish of a build stage is one.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

var records = args.Length > 0 ? int.Parse(args[0]) : 30;
var clock = Stopwatch.StartNew();
var source = new StringBuilder("using System; using System.Collections.Generic; using System.Linq; using System.Threading.Tasks;\nnamespace Generated;\n");
for (var i = 0; i < records; i++)
    source.Append($$"""
        public sealed record Item{{i}}(int Id, string Name, decimal Price)
        {
            public IEnumerable<string> Names(IEnumerable<Item{{i}}> items) =>
                items.Where(x => x.Price > {{i}}m).OrderBy(x => x.Name).Select(x => $"{x.Id}:{x.Name} costs {x.Price:0.00}");
            public static decimal Total(List<Item{{i}}> items) => items.Sum(x => x.Price * (x.Id % 3 == 0 ? 0.9m : 1m));
            public string Describe(object value) => value switch
            {
                int n when n > {{i}} => $"big {n}",
                string { Length: > 3 } s => s.ToUpperInvariant(),
                Item{{i}} { Price: > 10 } item => item.Name,
                _ => "other",
            };
            public async Task<Dictionary<int, string[]>> GroupAsync(IAsyncEnumerable<Item{{i}}> items)
            {
                var groups = new Dictionary<int, List<string>>();
                await foreach (var item in items)
                {
                    if (!groups.TryGetValue(item.Id % 7, out var list)) groups[item.Id % 7] = list = new();
                    list.Add(item.Name);
                }
                return groups.ToDictionary(g => g.Key, g => g.Value.Distinct().ToArray());
            }
        }

        """);
var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Where(path => Path.GetFileName(path).StartsWith("System.") || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
    .Select(path => MetadataReference.CreateFromFile(path));
var compilation = CSharpCompilation.Create("Generated", [CSharpSyntaxTree.ParseText(source.ToString())], references,
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
using var output = new MemoryStream();
var result = compilation.Emit(output);
if (!result.Success)
{
    Console.Error.WriteLine(string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
    return 1;
}
Console.WriteLine($"compiled {records} records into {output.Length} bytes in {clock.Elapsed.TotalSeconds:0.00} s on {RuntimeInformation.ProcessArchitecture}");
return 0;
CSHARP
for rid in linux-x64 linux-arm64; do
    (cd "$WORKLOAD" && dotnet publish -r "$rid" -o "out/$rid" -nologo -v q >"$WORK/workload-$rid.log" 2>&1) ||
        { tail -n 20 "$WORK/workload-$rid.log" >&2; exit 1; }
done
RECORDS="${WORKLOAD_RECORDS:-30}"
workload_x64() { docker run --rm -v "$WORKLOAD/out/linux-x64:/w:ro" mcr.microsoft.com/dotnet/runtime-deps:10.0 /w/Workload "$RECORDS"; }
workload_arm64() {
    docker run --rm --platform linux/arm64 "${EMULATED_DOTNET[@]}" -v "$WORKLOAD/out/linux-arm64:/w:ro" \
        mcr.microsoft.com/dotnet/runtime-deps:10.0-linux-arm64 /w/Workload "$RECORDS"
}

echo "Warming up (the recipe's first job restores Keel's packages; one workload run each way) ..."
recipe_commit; fresh_clone "$RECIPE"
echo "  recipe amd64 job: $(seconds "$WORK/warm-recipe.log" recipe_part) s"
echo "  workload: x64 $(seconds "$WORK/warm-x64.log" workload_x64) s, arm64 $(seconds "$WORK/warm-arm64.log" workload_arm64) s"
grep -h compiled "$WORK/warm-x64.log" "$WORK/warm-arm64.log" | sed 's/^/    /'

echo "Measuring $RUNS runs, the order of the things compared alternating ..."
one=() amd=() arm=() merge=() path=() smoke_arm=() recipe=() recipe_build=() recipe_push=() wx=() wa=()
run_one_job() {
    store_commit "$STORE" "Run $run, one job" && fresh_clone "$STORE"
    t=$(seconds "$WORK/one-$run.log" store_one_job); one+=("$t")
    t=$(smoke_seconds "$WORK/one-$run.log" Arm64); smoke_arm+=("$t")
}
run_distributed() {
    store_commit "$STORE" "Run $run, distributed"
    local sha digests t
    sha="$(git -C "$STORE" rev-parse --short=7 HEAD)"
    fresh_clone "$STORE"; t=$(seconds "$WORK/amd-$run.log" store_part linux/amd64); amd+=("$t")
    fresh_clone "$STORE"; t=$(seconds "$WORK/arm-$run.log" store_part linux/arm64); arm+=("$t")
    # What each platform's job reported as platform-digests: the digest its own sha- tag names.
    digests="linux/amd64=$(bench_digest acme-corp/store-distributed "sha-$sha-linux-amd64"),linux/arm64=$(bench_digest acme-corp/store-distributed "sha-$sha-linux-arm64")"
    [[ "$digests" =~ ^linux/amd64=sha256:[0-9a-f]{64},linux/arm64=sha256:[0-9a-f]{64}$ ]] || { echo "no platform digests: $digests" >&2; exit 1; }
    fresh_clone "$STORE"; t=$(seconds "$WORK/merge-$run.log" store_merge "$digests"); merge+=("$t")
    path+=("$(awk -v a="${amd[-1]}" -v b="${arm[-1]}" -v m="${merge[-1]}" 'BEGIN { printf "%.3f\n", (a > b ? a : b) + m }')")
}
run_recipe() {
    local t
    recipe_commit; fresh_clone "$RECIPE"
    t=$(seconds "$WORK/recipe-$run.log" recipe_part); recipe+=("$t")
    recipe_build+=("$(target_seconds "$WORK/recipe-$run.log" BuildImage)")
    recipe_push+=("$(target_seconds "$WORK/recipe-$run.log" PushPlatformImage)")
}
run_workloads() {
    local x a
    if ((run % 2)); then
        x=$(seconds "$WORK/wx-$run.log" workload_x64); a=$(seconds "$WORK/wa-$run.log" workload_arm64)
    else
        a=$(seconds "$WORK/wa-$run.log" workload_arm64); x=$(seconds "$WORK/wx-$run.log" workload_x64)
    fi
    wx+=("$x") wa+=("$a")
}
for run in $(seq "$RUNS"); do
    if ((run % 2)); then run_one_job; run_distributed; run_recipe; run_workloads
    else run_workloads; run_recipe; run_distributed; run_one_job; fi
    echo "  run $run (load $(cut -d' ' -f1 /proc/loadavg)): Store one job ${one[-1]} s (arm64 smoke ${smoke_arm[-1]} s);" \
        "distributed amd64 ${amd[-1]} s, arm64 ${arm[-1]} s, merge ${merge[-1]} s, critical path ${path[-1]} s;" \
        "recipe amd64 job ${recipe[-1]} s (BuildImage ${recipe_build[-1]} s, push ${recipe_push[-1]} s);" \
        "workload x64 ${wx[-1]} s, arm64 ${wa[-1]} s"
done

m() { printf '%s\n' "$@" | middle; }
m_one=$(m "${one[@]}") m_amd=$(m "${amd[@]}") m_arm=$(m "${arm[@]}") m_merge=$(m "${merge[@]}") m_path=$(m "${path[@]}")
m_smoke=$(m "${smoke_arm[@]}") m_recipe=$(m "${recipe[@]}") m_build=$(m "${recipe_build[@]}") m_push=$(m "${recipe_push[@]}")
m_wx=$(m "${wx[@]}") m_wa=$(m "${wa[@]}")
factor=$(for i in "${!wx[@]}"; do awk -v a="${wa[$i]}" -v x="${wx[$i]}" 'BEGIN { printf "%.3f\n", a / x }'; done | middle)
est_one=$(awk -v j="$m_recipe" -v f="$factor" -v b="$m_build" -v s="$m_smoke" -v p="$m_push" 'BEGIN { printf "%.1f", j + f * b + s + p }')
est_path=$(awk -v j="$m_recipe" -v mg="$m_merge" 'BEGIN { printf "%.1f", j + mg }')

printf '\n1. The Store (published on the host), measured: median of %s runs, each job in a fresh clone of a new commit\n' "$RUNS"
printf '%-74s %9s\n' "" "seconds"
printf '%-74s %9s\n' "one job: PushImage --platforms linux/amd64,linux/arm64" "$m_one"
printf '%-74s %9s\n' "  of which the arm64 smoke test, under emulation" "$m_smoke"
printf '%-74s %9s\n' "distributed: PushPlatformImage --platforms linux/amd64" "$m_amd"
printf '%-74s %9s\n' "distributed: PushPlatformImage --platforms linux/arm64 (smoke test emulated)" "$m_arm"
printf '%-74s %9s\n' "distributed: MergeImage" "$m_merge"
printf '%-74s %9s\n' "distributed critical path, max(amd64, arm64) + merge (median of runs)" "$m_path"
printf '%-74s %9s\n' "all three distributed jobs, one after another (the runner minutes)" "$(awk -v a="$m_amd" -v b="$m_arm" -v c="$m_merge" 'BEGIN { printf "%.3f", a + b + c }')"
awk -v p="$m_path" -v o="$m_one" 'BEGIN { printf "ratio critical path / one job: %.2f\n", p / o }'

printf '\n2. The article'"'"'s multi-stage Dockerfile (the README recipe), median of %s runs\n' "$RUNS"
printf '%-74s %9s\n' "measured: amd64 job, PushPlatformImage --platforms linux/amd64 (fresh clone)" "$m_recipe"
printf '%-74s %9s\n' "measured:   of which BuildImage (restore, build, publish in Docker)" "$m_build"
printf '%-74s %9s\n' "measured:   of which PushPlatformImage (the push itself)" "$m_push"
printf '%-74s %9s\n' "measured: workload, linux-x64 native (Roslyn, $RECORDS records, cold process)" "$m_wx"
printf '%-74s %9s\n' "measured: workload, linux-arm64 under QEMU" "$m_wa"
printf '%-74s %9s\n' "emulation factor F (median of each run's arm64 / x64)" "$factor"
printf '%-74s %9s\n' "ESTIMATE one job: amd64 job + F x BuildImage + arm64 smoke (1.) + push" "$est_one"
printf '%-74s %9s\n' "ESTIMATE distributed critical path: max(amd64, arm64 job as amd64) + merge (1.)" "$est_path"
awk -v p="$est_path" -v o="$est_one" 'BEGIN { printf "ESTIMATED ratio critical path / one job: %.2f\n", p / o }'

echo
echo "Machine load before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores, shared with other work)."
echo "Not shown: runner queueing and start-up; image pulls, .NET set-up and cache restore on a fresh runner (base images"
echo "and NuGet cache are warm here); the hand-over of outputs between jobs; Test (skipped on every side); a native"
echo "arm64 runner's own speed (taken equal to x64's); the arm64 build stage itself (estimated from F, which is measured"
echo "on a compiler workload, not on restore's network and disk work)."
