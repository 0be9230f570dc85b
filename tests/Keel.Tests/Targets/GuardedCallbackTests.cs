using Keel.Execution;
using Keel.Tests.Support;

namespace Keel.Tests.Targets;

/// <summary>
/// Conditions and requirements are user code: whatever they throw, the run ends the way every run ends, with one line
/// per problem, the assured targets and the summary, and no stack trace on the console.
/// </summary>
public class GuardedCallbackTests
{
    private sealed class Throwing : KeelBuild
    {
        [Parameter]
        readonly bool BreakRequirement;

        public List<string> Trail { get; } = [];

        Target Compile => _ => _.Executes(() => Trail.Add("Compile"));

        Target Deploy => _ => _
            .DependsOn(Compile)
            .OnlyWhenDynamic(() => Environments()["production"] == "yes")
            .Executes(() => Trail.Add("Deploy"));

        Target Check => _ => _
            .Requires(() => !BreakRequirement || Environments()["region"] == "eu")
            .Executes(() => Trail.Add("Check"));

        Target Cleanup => _ => _
            .TriggeredBy(Deploy)
            .AssuredAfterFailure()
            .Executes(() => Trail.Add("Cleanup"));

        private static Dictionary<string, string> Environments() => new();
    }

    [Fact]
    public void AConditionThatThrowsFailsItsTargetWithOneLineAndTheRunStillEndsProperly()
    {
        var outcome = TestBuild.Run<Throwing>(["Deploy"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(TargetStatus.Failed, outcome["Deploy"].Status);
        Assert.Contains("Deploy failed: The condition 'Environments()[\"production\"] == \"yes\"' threw KeyNotFoundException:", outcome.Output);
        Assert.Equal(["Compile", "Cleanup"], ((Throwing)outcome.Session!.Build).Trail);
        Assert.Contains("Build failed.", outcome.Output);
        Assert.Matches(@"Deploy\s+Failed", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void ARequirementThatThrowsIsReportedBeforeAnythingRuns()
    {
        var outcome = TestBuild.Run<Throwing>(["Check", "--break-requirement"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Target Check could not check what it requires: ", outcome.Output);
        Assert.Contains("Nothing was run: 1 requirement(s) not met.", outcome.Output);
        Assert.Empty(((Throwing)outcome.Session!.Build).Trail);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void AnUnwritableTempFolderEndsInOneLineAndHelpStillWorks()
    {
        using var root = new TempDirectory();
        root.Write(".nuke/temp", "a file where the build's temp folder belongs");

        var run = TestBuild.Run<Throwing>(["Compile"], root: root);
        var help = TestBuild.Run<Throwing>(["--help"], root: root);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"The build cannot write to {root.File(".nuke/temp")} (", run.Output.Trim());
        Assert.Single(run.Output.Trim().Split('\n'));
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Compile", help.Output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AFullDiskUnderTheTempFolderEndsInOneLineBeforeAnythingRuns()
    {
        using var root = new TempDirectory();
        using var disk = FullDisk.MountOver(root.File(".nuke/temp"));
        disk.Fill();

        var run = TestBuild.Run<Throwing>(["Compile"], root: root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"The build cannot write to {root.File(".nuke/temp")} (its disk is full); it keeps its log, caches and credentials there: free space on that disk and run again.", run.Output.Trim());
        Assert.Equal(["filler"], Directory.EnumerateFileSystemEntries(root.File(".nuke/temp")).Select(Path.GetFileName));
    }
}
