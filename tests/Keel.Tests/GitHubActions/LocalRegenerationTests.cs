using Keel.GitHubActions;
using Keel.Tests.Support;

namespace Keel.Tests.GitHubActions;

/// <summary>Local builds keep workflows current and say so; CI builds never write them.</summary>
public class LocalRegenerationTests
{
    [GitHubActions("ci", GitHubActionsImage.UbuntuLatest, On = [GitHubActionsTrigger.Push], InvokedTargets = ["Test"])]
    [GitHubActions("manual", GitHubActionsImage.UbuntuLatest, On = [GitHubActionsTrigger.WorkflowDispatch], InvokedTargets = ["Test"], AutoGenerate = false)]
    private sealed class Small : KeelBuild
    {
        Target Test => _ => _.Executes(() => { });
    }

    [Fact]
    public void ALocalBuildRewritesAnOutdatedWorkflowAndSaysSo()
    {
        using var root = new TempDirectory();
        var workflow = root.File(".github/workflows/ci.yml");

        var first = TestBuild.Run<Small>(["Test"], root: root);
        File.WriteAllText(workflow, "edited by hand\n");
        var second = TestBuild.Run<Small>(["Test"], root: root);
        var third = TestBuild.Run<Small>(["Test"], root: root);

        Assert.Contains("WRN Updated .github/workflows/ci.yml from the [GitHubActions] attributes; commit it.", first.Output);
        Assert.Contains("WRN Updated .github/workflows/ci.yml", second.Output);
        Assert.DoesNotContain("Updated .github/workflows", third.Output);
        Assert.StartsWith("# ----", File.ReadAllText(workflow));
        Assert.False(File.Exists(root.File(".github/workflows/manual.yml")), "AutoGenerate = false is left alone");
    }

    [Fact]
    public void ADeletedWorkflowComesBackOnTheNextLocalRun()
    {
        using var root = new TempDirectory();
        var workflow = root.File(".github/workflows/ci.yml");

        TestBuild.Run<Small>(["Test"], root: root);
        var generated = File.ReadAllText(workflow);
        File.Delete(workflow);
        var again = TestBuild.Run<Small>(["Test"], root: root);

        Assert.Contains("WRN Updated .github/workflows/ci.yml", again.Output);
        Assert.Equal(generated, File.ReadAllText(workflow));
    }

    [Fact]
    public void AGenerationStampCopiedFromAnotherCloneDoesNotKeepThisCloneFromGenerating()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        TestBuild.Run<Small>(["Test"], root: first);
        var stamps = Path.Combine(second.Path, ".nuke", "temp", "generated");
        Directory.CreateDirectory(stamps);
        foreach (var stamp in Directory.GetFiles(Path.Combine(first.Path, ".nuke", "temp", "generated")))
            File.Copy(stamp, Path.Combine(stamps, Path.GetFileName(stamp)));

        var outcome = TestBuild.Run<Small>(["Test"], root: second);

        Assert.Equal(0, outcome.ExitCode);
        Assert.True(File.Exists(second.File(".github/workflows/ci.yml")), outcome.Output);
        Assert.True(File.Exists(second.File(".nuke/build.schema.json")), outcome.Output);
    }

    [Fact]
    public void ACiBuildNeverWritesWorkflows()
    {
        using var root = new TempDirectory();

        var outcome = TestBuild.Run<Small>(["Test"], root: root, environment: new Dictionary<string, string> { ["CI"] = "true" });

        Assert.Equal(0, outcome.ExitCode);
        Assert.False(Directory.Exists(root.File(".github")));
    }

    [Fact]
    public void GenerateConfigurationWritesNamedWorkflowsAndStops()
    {
        using var root = new TempDirectory();

        var outcome = TestBuild.Run<Small>(["--generate-configuration", "manual"], root: root);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Null(outcome.Session!.Record);
        Assert.True(File.Exists(root.File(".github/workflows/manual.yml")));
        Assert.Contains("Wrote .github/workflows/manual.yml", outcome.Output);
        Assert.Contains("--generate-configuration names 'nope', which is not a workflow of the build; known: ci, manual.", TestBuild.Run<Small>(["--generate-configuration", "nope"], root: root).Output);
    }
}
