using Keel.GitHubActions;
using Keel.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Keel.Tests.GitHubActions;

/// <summary>
/// A feature that splits the publishing job (as [ContainerPlatforms] with runners does): one job a part on its own
/// runner, then a merge job that needs them all, is handed their outputs, and alone runs the later steps.
/// </summary>
public class SplitWorkflowTests
{
    [GitHubActions("ship", GitHubActionsImage.UbuntuLatest,
        OnPushTags = ["v*"],
        OnPullRequestBranches = ["main"],
        InvokedTargets = ["Lint", "Push"],
        PublishingTargets = ["Push"],
        WritePermissions = [GitHubActionsPermission.Packages],
        EnableGitHubToken = true,
        Outputs = ["digest"],
        PublishArtifacts = true)]
    [GitHubActionsStep("ship", "actions/attest-build-provenance@e8998f949152b193b063cb0ec769d69d929409be", Version = "v2.4.0",
        With = ["subject-digest=${{ steps.build.outputs.digest }}"],
        WritePermissions = [GitHubActionsPermission.IdToken, GitHubActionsPermission.Attestations])]
    [Spread("ship")]
    private sealed class Shipped : KeelBuild
    {
        [Parameter("Which parts to build")]
        readonly string[] Parts = [];

        [Parameter("What the parts reported")]
        readonly string[] Reported = [];

        Target Test => _ => _.Produces(".nuke/temp/test-results").Executes(() => { });

        Target Lint => _ => _.Executes(() => { });

        Target Push => _ => _.DependsOn(Test).Executes(() => { });

        Target PushPart => _ => _.DependsOn(Test).Executes(() => { });

        Target Join => _ => _.Executes(() => { });
    }

    /// <summary>Two parts: one on an arm64 runner of its own with nothing to set up, one on the workflow's runner under emulation.</summary>
    private sealed class SpreadAttribute(string workflow) : GitHubActionsJobSetupAttribute(workflow)
    {
        public override IReadOnlyDictionary<string, string> ParameterValues => new Dictionary<string, string> { ["Parts"] = "a/x,b/y" };

        public override IReadOnlyList<GitHubActionsSetupStep> StepsFor(GitHubActionsImage runner) =>
            [new GitHubActionsSetupStep("Set up everything", "example/setup-all@0123456789abcdef0123456789abcdef01234567", "v1.0.0")];

        public override GitHubActionsJobSplit? SplitFor(GitHubActionsImage runner) => new("PushPart", "Join",
        [
            new GitHubActionsJobPart("a/x", "ubuntu-24.04-arm") { ParameterValues = new Dictionary<string, string> { ["Parts"] = "a/x" } },
            new GitHubActionsJobPart("b/y", null)
            {
                ParameterValues = new Dictionary<string, string> { ["Parts"] = "b/y" },
                Steps = [new GitHubActionsSetupStep("Set up emulation", "example/emulate@0123456789abcdef0123456789abcdef01234567", "v2.0.0")],
            },
        ])
        {
            JobPrefix = "part",
            PartOutput = "reported",
            MergeParameter = "Reported",
        };
    }

    private static Dictionary<string, YamlMappingNode> Jobs(out string file)
    {
        using var root = new TempDirectory();
        var outcome = TestBuild.Run<Shipped>(["--generate-configuration"], root: root);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var text = File.ReadAllText(root.File(".github/workflows/ship.yml"));
        file = Path.Combine(Directory.CreateTempSubdirectory("keel-split-").FullName, "ship.yml");
        File.WriteAllText(file, text);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return ((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"]).Children.ToDictionary(j => j.Key.ToString(), j => (YamlMappingNode)j.Value);
    }

    [Fact]
    public void EachPartRunsItsTargetOnItsRunnerAndTheMergeNeedsThemAllAndIsHandedTheirOutputs()
    {
        var jobs = Jobs(out _);

        Assert.Equal(["part-a-x", "part-b-y", "part-merge"], jobs.Keys);
        Assert.Equal("ubuntu-24.04-arm", jobs["part-a-x"]["runs-on"].ToString());
        Assert.Equal("ubuntu-latest", jobs["part-b-y"]["runs-on"].ToString());
        Assert.Equal("ubuntu-latest", jobs["part-merge"]["runs-on"].ToString());
        // The targets that do not publish stay with each part; the publishing one becomes the part's own.
        Assert.Equal("./build.sh Lint PushPart", Build(jobs["part-a-x"])["run"].ToString());
        Assert.Equal("./build.sh Join", Build(jobs["part-merge"])["run"].ToString());
        Assert.Equal("a/x", Build(jobs["part-a-x"])["env"]["PARTS"].ToString());
        Assert.Equal("b/y", Build(jobs["part-b-y"])["env"]["PARTS"].ToString());
        Assert.Equal("a/x,b/y", Build(jobs["part-merge"])["env"]["PARTS"].ToString());

        Assert.Equal(["part-a-x", "part-b-y"], ((YamlSequenceNode)jobs["part-merge"]["needs"]).Children.Select(n => n.ToString()));
        Assert.Equal("${{ needs.part-a-x.outputs.reported }},${{ needs.part-b-y.outputs.reported }}", Build(jobs["part-merge"])["env"]["REPORTED"].ToString());
        Assert.Equal("${{ steps.build.outputs.reported }}", jobs["part-a-x"]["outputs"]["reported"].ToString());
        Assert.Equal("${{ steps.build.outputs.digest }}", jobs["part-merge"]["outputs"]["digest"].ToString());
        Assert.False(((YamlMappingNode)jobs["part-a-x"]["outputs"]).Children.ContainsKey("digest"));
        Assert.All(jobs.Values, job => Assert.Equal("github.event_name != 'pull_request'", job["if"].ToString()));
    }

    [Fact]
    public void APartSetsUpOnlyWhatItsRunnerNeedsAndOnlyTheMergeRunsTheLaterStepsWithTheirScopes()
    {
        var jobs = Jobs(out _);

        Assert.DoesNotContain(Uses(jobs["part-a-x"]), u => u.StartsWith("example/", StringComparison.Ordinal));
        Assert.Contains("example/emulate@0123456789abcdef0123456789abcdef01234567", Uses(jobs["part-b-y"]));
        Assert.DoesNotContain(Uses(jobs["part-b-y"]), u => u.StartsWith("example/setup-all", StringComparison.Ordinal));
        Assert.DoesNotContain(Uses(jobs["part-merge"]), u => u.StartsWith("example/", StringComparison.Ordinal));

        Assert.Contains(Uses(jobs["part-merge"]), u => u.StartsWith("actions/attest-build-provenance@", StringComparison.Ordinal));
        Assert.DoesNotContain(Uses(jobs["part-a-x"]), u => u.StartsWith("actions/attest-build-provenance@", StringComparison.Ordinal));
        Assert.Equal(["contents:read", "packages:write"], Permissions(jobs["part-a-x"]));
        Assert.Equal(["attestations:write", "contents:read", "id-token:write", "packages:write"], Permissions(jobs["part-merge"]));
    }

    [Fact]
    public void EachPartUploadsItsArtifactsUnderANameOfItsOwnAndTheWorkflowPassesTheLinters()
    {
        var jobs = Jobs(out var file);

        string Artifact(string job) => Steps(jobs[job]).Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString().StartsWith("actions/upload-artifact@", StringComparison.Ordinal))["with"]["name"].ToString();
        Assert.Equal("test-nuke-temp-test-results-a-x", Artifact("part-a-x"));
        Assert.Equal("test-nuke-temp-test-results-b-y", Artifact("part-b-y"));
        Assert.Equal("", Linters.Actionlint(file));
        Assert.Equal("", Linters.ActionValidator(file));
    }

    [GitHubActions("ship", GitHubActionsImage.UbuntuLatest, OnPushTags = ["v*"], InvokedTargets = ["Push"], JobPerTarget = true)]
    [Spread("ship")]
    private sealed class PerTarget : KeelBuild
    {
        [Parameter("Which parts to build")]
        readonly string[] Parts = [];

        [Parameter("What the parts reported")]
        readonly string[] Reported = [];

        Target Push => _ => _.Executes(() => { });

        Target PushPart => _ => _.Executes(() => { });

        Target Join => _ => _.Executes(() => { });
    }

    [Fact]
    public void ASplitOfAWorkflowOfAJobATargetFailsInOneLine()
    {
        var outcome = TestBuild.Run<PerTarget>(["--generate-configuration"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Workflow 'ship' splits its publishing job into one job a part, which needs one job on one runner: drop JobPerTarget, the matrix and the other runners.", outcome.Output);
    }

    private static YamlMappingNode Build(YamlMappingNode job) => Steps(job).Single(s => s.Children.TryGetValue("id", out var id) && id.ToString() == BuildStep.Id);

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();

    private static List<string> Uses(YamlMappingNode job) => [.. Steps(job).Where(s => s.Children.ContainsKey("uses")).Select(s => s["uses"].ToString())];

    private static List<string> Permissions(YamlMappingNode job) => [.. ((YamlMappingNode)job["permissions"]).Children.Select(p => $"{p.Key}:{p.Value}").Order()];
}
