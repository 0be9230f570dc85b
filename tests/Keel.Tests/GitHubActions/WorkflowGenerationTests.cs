using Keel.GitHubActions;
using Keel.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Keel.Tests.GitHubActions;

/// <summary>Workflows from attributes: snapshots of representative combinations, policy checks, and the linters.</summary>
public class WorkflowGenerationTests
{
    public enum Flavor
    {
        Plain,
        Fancy,
    }

    [GitHubActions("nuke-style", GitHubActionsImage.UbuntuLatest, GitHubActionsImage.WindowsLatest,
        On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
        InvokedTargets = ["Test"],
        ImportSecrets = ["ApiKey"],
        EnableGitHubToken = true,
        ReadPermissions = [GitHubActionsPermission.Checks],
        CacheKeyFiles = ["**/*.csproj"],
        PublishArtifacts = true,
        OnCronSchedule = "0 3 * * 1",
        OnWorkflowDispatchOptionalInputs = ["Flavor", "Retries"],
        OnWorkflowDispatchRequiredInputs = ["Label"],
        FetchDepth = 1,
        PinActions = false)]
    [GitHubActions("release", GitHubActionsImage.Ubuntu2204,
        OnPushBranches = ["main", "release/*"],
        OnPushTags = ["v*", "*-hotfix"],
        OnPullRequestBranches = ["main"],
        OnPushExcludePaths = ["docs/**"],
        InvokedTargets = ["Test", "Lint", "Push", "Announce"],
        JobPerTarget = true,
        PublishingTargets = ["Push"],
        WritePermissions = [GitHubActionsPermission.Packages, GitHubActionsPermission.IdToken],
        EnableGitHubToken = true,
        ImportSecrets = ["ApiKey"],
        EnvironmentName = "production",
        MatrixParameter = "Flavor",
        MatrixValues = ["Plain", "Fancy"],
        Outputs = ["digest", "tags"],
        EnvironmentVariables = ["DOTNET_NOLOGO=true", "REGISTRY=ghcr.io"],
        SetupCommands = ["docker version"],
        ConcurrencyGroup = "release-${{ github.ref }}",
        ConcurrencyCancelInProgress = true,
        TimeoutMinutes = 20)]
    [GitHubActionsStep("release", "actions/attest-build-provenance",
        Name = "Attest",
        With = ["subject-name=${{ steps.build.outputs.image }}", "subject-digest=${{ steps.build.outputs.digest }}", "push-to-registry=false"],
        WritePermissions = [GitHubActionsPermission.IdToken, GitHubActionsPermission.Attestations])]
    [RunnerSetup("release")]
    private sealed class Shop : KeelBuild
    {
        [Parameter("Key for the package feed"), Secret]
        readonly string? ApiKey;

        [Parameter("Which flavor to build")]
        readonly Flavor Flavor;

        [Parameter("How often to retry a push")]
        readonly int Retries = 3;

        [Parameter("A label for the run")]
        readonly string? Label;

        [GitVersion]
        readonly GitVersion GitVersion = null!;

        Target Compile => _ => _.Executes(() => { });

        Target Test => _ => _.DependsOn(Compile).Produces(".nuke/temp/test-results").Executes(() => { });

        Target Lint => _ => _.DependsOn(Compile).Executes(() => { });

        Target Pack => _ => _.DependsOn(Compile).Produces("artifacts/packages").Executes(() => { });

        Target Push => _ => _.DependsOn(Test, Lint, Pack).Executes(() => { });

        Target Announce => _ => _.DependsOn(Push).Consumes(Pack).Executes(() => { });
    }

    private static IReadOnlyDictionary<string, string> Generate()
    {
        using var root = new TempDirectory();
        var outcome = TestBuild.Run<Shop>(["--generate-configuration"], root: root);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        return new[] { "nuke-style.yml", "release.yml" }.ToDictionary(f => f, f => File.ReadAllText(root.File($".github/workflows/{f}")));
    }

    [Theory]
    [InlineData("nuke-style.yml")]
    [InlineData("release.yml")]
    public void WorkflowsMatchTheirApprovedCopies(string file) => Snapshot.Match(Generate()[file], file);

    [Fact]
    public void OnlyThePublishingJobMayWritePackagesAndItNeverRunsForPullRequests()
    {
        var jobs = Jobs(Generate()["release.yml"]);

        foreach (var (id, job) in jobs)
        {
            var permissions = (YamlMappingNode)job["permissions"];
            var writes = permissions.Children.Where(p => p.Value.ToString() == "write").Select(p => p.Key.ToString()).ToList();
            var env = Step(job, "build").Children.TryGetValue("env", out var e) ? ((YamlMappingNode)e).Children.Keys.Select(k => k.ToString()).ToList() : [];
            if (id == "push")
            {
                Assert.Equal(["attestations", "id-token", "packages"], writes.Order());
                Assert.Equal("github.event_name != 'pull_request'", job["if"].ToString());
                Assert.Contains("GITHUB_TOKEN", env);
                Assert.Contains("API_KEY", env);
                Assert.Equal("production", job["environment"].ToString());
            }
            else
            {
                Assert.Empty(writes);
                Assert.Equal("read", permissions["contents"].ToString());
                Assert.DoesNotContain("GITHUB_TOKEN", env);
                Assert.DoesNotContain("API_KEY", env);
            }
        }
    }

    [Fact]
    public void JobsFollowTheTargetGraphAndSkipWhatEarlierJobsRan()
    {
        var jobs = Jobs(Generate()["release.yml"]);

        Assert.Equal(["test", "lint", "push", "announce"], jobs.Keys);
        Assert.False(jobs["test"].Children.ContainsKey("needs"));
        Assert.Equal(["test", "lint"], Needs(jobs["push"]));
        Assert.Equal(["push"], Needs(jobs["announce"]));
        Assert.Equal("./build.sh Push --skip Test Lint --flavor ${{ matrix.flavor }}", Step(jobs["push"], "build")["run"].ToString());
        Assert.Equal("./build.sh Announce --skip Test Lint Push --flavor ${{ matrix.flavor }}", Step(jobs["announce"], "build")["run"].ToString());
    }

    [Fact]
    public void WhatAJobProducesReachesTheLaterJobsThatConsumeItAsAnArtifact()
    {
        var jobs = Jobs(Generate()["release.yml"]);
        List<YamlMappingNode> Uses(string job, string action) => [.. Steps(jobs[job]).Where(s => s["uses"].ToString().StartsWith($"actions/{action}@"))];

        Assert.Equal(".nuke/temp/test-results", Assert.Single(Uses("test", "upload-artifact"))["with"]["path"].ToString());
        Assert.Equal("artifacts/packages", Assert.Single(Uses("push", "upload-artifact"))["with"]["path"].ToString());
        // Push needs Test but reads nothing of it; Announce reads the packages Pack made in the push job.
        Assert.Empty(Uses("push", "download-artifact"));
        var download = Assert.Single(Uses("announce", "download-artifact"));
        Assert.Equal("artifacts/packages", download["with"]["path"].ToString());
        Assert.Equal(Assert.Single(Uses("push", "upload-artifact"))["with"]["name"].ToString(), download["with"]["name"].ToString());
    }

    [Fact]
    public void FetchDepthIsZeroWhenTheBuildUsesGitVersionAndActionsArePinnedBySha()
    {
        var release = Generate()["release.yml"];

        Assert.Contains("fetch-depth: 0", release);
        Assert.Matches(@"uses: actions/checkout@[0-9a-f]{40} # v\d+\.\d+\.\d+", release);
        Assert.DoesNotMatch(@"uses: [^@\n]+@v\d", release);
        Assert.Contains("uses: actions/checkout@v4\n", Generate()["nuke-style.yml"]);
    }

    [Fact]
    public void EveryGeneratedWorkflowPassesActionlintAndActionValidator()
    {
        using var root = new TempDirectory(nuke: false);
        var files = Generate().Select(w => root.Write(w.Key, w.Value)).ToList();
        var committed = Directory.EnumerateFiles(Path.Combine(Repository.Root, ".github", "workflows"), "*.yml").ToList();
        Assert.NotEmpty(committed);

        Assert.Equal("", Linters.Actionlint([.. files, .. committed]));
        foreach (var file in files.Concat(committed))
            Assert.Equal("", Linters.ActionValidator(file));
    }

    [Fact]
    public void AStepTheBuildAddsRunsRightAfterTheBuildInThePublishingJobAlone()
    {
        var jobs = Jobs(Generate()["release.yml"]);

        foreach (var (id, job) in jobs)
        {
            var steps = Steps(job).ToList();
            var attest = steps.FindIndex(s => s["uses"].ToString().StartsWith("actions/attest-build-provenance@e8998f949152b193b063cb0ec769d69d929409be", StringComparison.Ordinal));
            if (id == "push")
            {
                Assert.Equal(steps.FindIndex(s => s.Children.TryGetValue("id", out var stepId) && stepId.ToString() == "build") + 1, attest);
                Assert.Equal("${{ steps.build.outputs.digest }}", steps[attest]["with"]["subject-digest"].ToString());
                Assert.Equal("write", job["permissions"]["attestations"].ToString());
            }
            else
            {
                Assert.Equal(-1, attest);
                Assert.False(((YamlMappingNode)job["permissions"]).Children.ContainsKey("attestations"));
            }
        }
    }

    /// <summary>A feature's setup, as a package would derive it: a pinned action before the build, and a parameter value for it.</summary>
    private sealed class RunnerSetupAttribute(string workflow) : GitHubActionsJobSetupAttribute(workflow)
    {
        public override IReadOnlyDictionary<string, string> ParameterValues => new Dictionary<string, string> { ["Retries"] = "5" };

        public override IReadOnlyList<GitHubActionsSetupStep> StepsFor(GitHubActionsImage runner) =>
            [new GitHubActionsSetupStep($"Set up the tool on {runner}", "example/setup-tool@0123456789abcdef0123456789abcdef01234567", "v1.2.0") { With = new Dictionary<string, string> { ["tool"] = "all" } }];
    }

    [Fact]
    public void AFeaturesSetupRunsBeforeTheBuildInThePublishingJobAloneAndPassesItsParameters()
    {
        var jobs = Jobs(Generate()["release.yml"]);

        foreach (var (id, job) in jobs)
        {
            var steps = Steps(job).ToList();
            var setup = steps.FindIndex(s => s.Children.TryGetValue("uses", out var uses) && uses.ToString() == "example/setup-tool@0123456789abcdef0123456789abcdef01234567");
            var build = steps.FindIndex(s => s.Children.TryGetValue("id", out var stepId) && stepId.ToString() == "build");
            var environment = steps[build].Children.TryGetValue("env", out var env) ? (YamlMappingNode)env : new YamlMappingNode();
            if (id == "push")
            {
                Assert.Equal(build - 1, setup);
                Assert.Equal("Set up the tool on Ubuntu2204", steps[setup]["name"].ToString());
                Assert.Equal("all", steps[setup]["with"]["tool"].ToString());
                Assert.Equal("5", environment["RETRIES"].ToString());
            }
            else
            {
                Assert.Equal(-1, setup);
                Assert.False(environment.Children.ContainsKey("RETRIES"));
            }
        }
    }

    [GitHubActions("checks", GitHubActionsImage.UbuntuLatest, OnPullRequestBranches = ["main"], OnPushBranches = ["feature/*"], InvokedTargets = ["Test"],
        ConcurrencyGroup = "checks-${{ github.ref }}", ConcurrencyCancelPullRequests = true)]
    private sealed class Checked : KeelBuild
    {
        Target Test => _ => _.Executes(() => { });
    }

    [Fact]
    public void SupersededRunsAreCancelledForPullRequestsOnly()
    {
        using var root = new TempDirectory();
        var outcome = TestBuild.Run<Checked>(["--generate-configuration"], root: root);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var file = root.File(".github/workflows/checks.yml");
        Assert.Contains("  cancel-in-progress: ${{ github.event_name == 'pull_request' }}\n", File.ReadAllText(file));
        Assert.Equal("", Linters.Actionlint(file));
    }

    [GitHubActions("loose", GitHubActionsImage.UbuntuLatest, On = [GitHubActionsTrigger.Push], InvokedTargets = ["Test"])]
    [GitHubActionsStep("loose", "someone/notify@v3")]
    private sealed class Unpinned : KeelBuild
    {
        Target Test => _ => _.Executes(() => { });
    }

    [GitHubActions("ci", GitHubActionsImage.UbuntuLatest, On = [GitHubActionsTrigger.Push], InvokedTargets = ["Test"])]
    [GitHubActionsStep("publsh", "actions/attest-build-provenance")]
    private sealed class Astray : KeelBuild
    {
        Target Test => _ => _.Executes(() => { });
    }

    [Fact]
    public void AStepThatIsNotPinnedOrNamesNoWorkflowFailsWithOneLine()
    {
        var unpinned = TestBuild.Run<Unpinned>(["--generate-configuration"]);
        var astray = TestBuild.Run<Astray>(["--generate-configuration"]);

        Assert.Equal(1, unpinned.ExitCode);
        Assert.Contains("Workflow 'loose': step 'someone/notify@v3' is not pinned to a full commit SHA; write someone/notify@<40-character SHA> with Version = \"v3\", or set PinActions = false.", unpinned.Output);
        Assert.Equal(1, astray.ExitCode);
        Assert.Contains("[GitHubActionsStep] actions/attest-build-provenance names workflow 'publsh', which the build does not have; known: ci.", astray.Output);
    }

    [Fact]
    public void ABadAttributeFailsWithOneLineNamingIt()
    {
        var outcome = TestBuild.Run<Broken>(["--generate-configuration"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Workflow 'broken' names 'Tset' in InvokedTargets, which is not a target; did you mean 'Test'?", outcome.Output);
    }

    [GitHubActions("broken", GitHubActionsImage.UbuntuLatest, On = [GitHubActionsTrigger.Push], InvokedTargets = ["Tset"])]
    private sealed class Broken : KeelBuild
    {
        Target Test => _ => _.Executes(() => { });
    }

    private static Dictionary<string, YamlMappingNode> Jobs(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return ((YamlMappingNode)root["jobs"]).Children.ToDictionary(j => j.Key.ToString(), j => (YamlMappingNode)j.Value);
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().Select(s =>
    {
        if (!s.Children.ContainsKey("uses"))
            s.Children.Add("uses", "");
        return s;
    });

    private static YamlMappingNode Step(YamlMappingNode job, string id) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue("id", out var value) && value.ToString() == id);

    private static List<string> Needs(YamlMappingNode job) => [.. ((YamlSequenceNode)job["needs"]).Children.Select(n => n.ToString())];
}
