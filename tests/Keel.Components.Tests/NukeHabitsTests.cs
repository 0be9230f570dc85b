using Keel.Git;
using Keel.GitHubActions;
using Keel.ProjectModel;
using Keel.Tests.Support;
using Keel.Tooling;

namespace Keel.Components.Tests;

/// <summary>
/// A build written with NUKE's daily API, as a NUKE user would write it, compiled and run: static IsLocalBuild,
/// IsServerBuild and Host (GitHubActions with its context), [Solution], [GitRepository], AbsolutePath's file helpers,
/// DotNet.Pack, DotNet.NuGetPush and DotNet.ToolRestore, IPack, lifecycle hooks, and Serilog's static Log.
/// A real program stands in for dotnet and records its calls.
/// </summary>
public class NukeHabitsTests
{
    private static class Announcements
    {
        public static void Done(string what) => Serilog.Log.Information("Announced {What}", what);
    }

    private sealed class Habits : KeelBuild, IPack
    {
        [Parameter("Configuration to build.")]
        public Configuration Configuration { get; set; } = IsLocalBuild ? Configuration.Debug : Configuration.Release;

        [Parameter("Feed key."), Secret]
        readonly string? NuGetApiKey;

        [Solution]
        readonly ProjectModel.Solution Shop = null!;

        [Keel.Git.GitRepository]
        readonly Keel.Git.GitRepository Repository = null!;

        public List<string> Seen { get; } = [];

        public AbsolutePath Solution => Shop.Path;

        AbsolutePath Artifacts => RootDirectory / "artifacts";

        public IEnumerable<AbsolutePath> PackProjects => Shop.BuiltProjects.Where(p => !p.IsTestProject).Select(p => p.Path);

        public AbsolutePath PackageDirectory => Artifacts / "packages";

        protected override void OnBuildInitialized() => Seen.Add($"initialized on {Host} (server: {IsServerBuild}, local: {IsLocalBuild})");

        protected override void OnTargetSucceeded(string target) => Seen.Add($"{target} succeeded");

        Target Clean => _ => _
            .Before<IRestore>(x => x.Restore)
            .Executes(() =>
            {
                (Artifacts / "logs").CreateOrCleanDirectory();
                foreach (var bin in RootDirectory.GlobDirectories("src/*/bin"))
                    bin.DeleteDirectory();
            });

        Target Publish => _ => _
            .DependsOn<IPack>(x => x.Pack)
            .OnlyWhenStatic(() => Repository.IsOnMainBranch())
            .Executes(() =>
            {
                DotNet.ToolRestore();
                foreach (var package in PackageDirectory.GlobFiles("*.nupkg"))
                    DotNet.NuGetPush(s => s.SetTargetPath(package).SetSource("https://nuget.example/v3/index.json").SetApiKey(NuGetApiKey));
                if (Host is Keel.GitHubActions.GitHubActions actions)
                    Seen.Add($"run {actions.RunId} of {actions.Repository} for {actions.Ref}");
                Seen.Add($"{Shop.GetProject("Shop")?.Name} at {Repository.Branch}");
                Announcements.Done("the release");
            });
    }

    [Fact]
    public void ABuildWrittenTheNukeWayCompilesAndRunsOnARunner()
    {
        using var root = new TempDirectory();
        root.Write("Shop.slnx", "<Solution>\n  <Project Path=\"src/Shop/Shop.csproj\" />\n  <Project Path=\"tests/Shop.Tests/Shop.Tests.csproj\" />\n</Solution>\n");
        root.Write("src/Shop/Shop.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        root.Write("src/Shop/bin/Debug/old.dll", "");
        root.Write("tests/Shop.Tests/Shop.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>\n");
        root.Write("artifacts/packages/Shop.1.0.0.nupkg", "");
        root.Write(".gitignore", "dotnet-calls.txt\n.nuke/temp/\n");
        Keel.Tests.Support.GitRepository.Init(root).Commit();
        var record = root.File("dotnet-calls.txt");

        var outcome = TestBuild.Run<Habits>(["Clean", "Publish", "--nuget-api-key", "oy2-feed-key-0042"], root: root, environment: new Dictionary<string, string>
        {
            ["DOTNET_EXE"] = Repository.TestProgramHost,
            ["TEST_PROGRAM_RECORD"] = record,
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "acme/shop",
            ["GITHUB_REF"] = "refs/heads/main",
            ["GITHUB_RUN_ID"] = "4242",
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var build = (Habits)outcome.Session!.Build;
        Assert.Equal("Release", build.Configuration.ToString());
        Assert.Contains("initialized on GitHubActions (server: True, local: False)", build.Seen);
        Assert.Contains("run 4242 of acme/shop for refs/heads/main", build.Seen);
        Assert.Contains("Shop at main", build.Seen);
        Assert.Contains("Publish succeeded", build.Seen);
        Assert.False(Directory.Exists(root.File("src/Shop/bin")));
        var calls = File.ReadAllLines(record);
        Assert.Contains(calls, c => c.StartsWith($"pack|{root.File("src/Shop/Shop.csproj")}|", StringComparison.Ordinal) && c.Contains($"--output|{root.File("artifacts/packages")}", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.Contains("Shop.Tests.csproj|", StringComparison.Ordinal) && c.StartsWith("pack|", StringComparison.Ordinal));
        Assert.Contains("tool|restore|--nologo", calls);
        Assert.Contains(calls, c => c.StartsWith("nuget|push|", StringComparison.Ordinal) && c.EndsWith("(NUGET_API_KEY=oy2-feed-key-0042)", StringComparison.Ordinal));
        Assert.Contains("Announced the release", outcome.Output);
        // The runner is told to mask it (::add-mask::) before anything could print it; nothing else shows it.
        Assert.DoesNotContain("oy2-feed-key-0042", outcome.Output.Replace("::add-mask::oy2-feed-key-0042", "", StringComparison.Ordinal) + outcome.LogFile);
    }
}
