using Keel.Execution;
using Keel.Tests.Support;

namespace Keel.Tests.Targets;

/// <summary>Running a plan: statuses, failures, conditions, async actions, assured targets.</summary>
public class ExecutionTests
{
    private sealed class Steps : KeelBuild
    {
        public List<string> Trail { get; } = [];

        [Parameter]
        readonly bool FailCompile;

        [Parameter]
        readonly bool SkipLint;

        Target Restore => _ => _.Executes(() => Trail.Add("Restore"));

        Target Compile => _ => _
            .DependsOn(Restore)
            .Executes(() =>
            {
                Trail.Add("Compile");
                if (FailCompile)
                    throw new InvalidOperationException("compiler crashed");
            });

        Target Test => _ => _
            .DependsOn(Compile)
            .Executes(async () =>
            {
                await Task.Delay(20);
                Trail.Add("Test");
            });

        Target Lint => _ => _
            .DependsOn(Restore)
            .OnlyWhenDynamic(() => !SkipLint)
            .Executes(() => Trail.Add("Lint"));

        Target Docs => _ => _
            .ProceedAfterFailure()
            .Executes(() => throw new BuildException("docs are broken"));

        Target Index => _ => _
            .DependsOn(Docs)
            .Executes(() => Trail.Add("Index"));

        Target Report => _ => _
            .AssuredAfterFailure()
            .After(Test, Lint, Index)
            .Executes(() => Trail.Add("Report"));

        Target All => _ => _.DependsOn(Test, Lint);
    }

    [Fact]
    public void TargetsRunInPlanOrderAndAsyncActionsAreAwaited()
    {
        var outcome = TestBuild.Run<Steps>(["test"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["Restore", "Compile", "Test"], ((Steps)outcome.Session!.Build).Trail);
        Assert.All(outcome.Record.Targets, t => Assert.Equal(TargetStatus.Succeeded, t.Status));
    }

    [Fact]
    public void TheDefaultTargetRunsWhenNoneIsInvoked()
    {
        var outcome = TestBuild.Run<Steps>([], defaultTarget: "Compile");

        Assert.Equal(["Restore", "Compile"], outcome.Ran);
    }

    [Fact]
    public void AFailureStopsTheBuildAndLaterTargetsAreNotRun()
    {
        var outcome = TestBuild.Run<Steps>(["Test", "--fail-compile"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(TargetStatus.Failed, outcome["Compile"].Status);
        Assert.Equal(TargetStatus.NotRun, outcome["Test"].Status);
        Assert.Contains("Compile failed: InvalidOperationException: compiler crashed", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
        Assert.Contains("   at ", outcome.LogFile);
        Assert.Contains("Build failed.", outcome.Output);
    }

    [Fact]
    public void ProceedAfterFailureLetsIndependentTargetsRunButNotItsDependents()
    {
        var outcome = TestBuild.Run<Steps>(["Index", "Lint"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(TargetStatus.Failed, outcome["Docs"].Status);
        Assert.Equal(TargetStatus.NotRun, outcome["Index"].Status);
        Assert.Equal("Docs did not succeed", outcome["Index"].Reason);
        Assert.Equal(TargetStatus.Succeeded, outcome["Lint"].Status);
    }

    [Fact]
    public void AssuredTargetsRunAfterAFailure()
    {
        var outcome = TestBuild.Run<Steps>(["Test", "Report", "--fail-compile"]);

        Assert.Equal(TargetStatus.NotRun, outcome["Test"].Status);
        Assert.Equal(TargetStatus.Succeeded, outcome["Report"].Status);
        Assert.Equal(["Restore", "Compile", "Report"], ((Steps)outcome.Session!.Build).Trail);
    }

    [Fact]
    public void ADynamicConditionSkipsOnlyItsTargetWithTheConditionAsReason()
    {
        var outcome = TestBuild.Run<Steps>(["Lint", "--skip-lint"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(TargetStatus.Succeeded, outcome["Restore"].Status);
        Assert.Equal(TargetStatus.Skipped, outcome["Lint"].Status);
        Assert.Equal("!SkipLint", outcome["Lint"].Reason);
        Assert.Contains("Skipped: !SkipLint", outcome.Output);
    }

    [Fact]
    public void ATargetWithoutActionsIsCollective()
    {
        var outcome = TestBuild.Run<Steps>(["All"]);

        Assert.Equal(TargetStatus.Collective, outcome["All"].Status);
        Assert.Equal(["Restore", "Compile", "Test", "Lint", "All"], outcome.Planned);
    }

    [Fact]
    public void AnUnknownTargetFailsWithTheClosestName()
    {
        var outcome = TestBuild.Run<Steps>(["Compil"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Unknown target 'Compil'; did you mean 'Compile'? Run with --help to list the targets.", outcome.Output);
        Assert.Null(outcome.Session!.Record);
    }

    [Fact]
    public void SkipWithNamesSkipsThoseAndWhatOnlyTheyNeeded()
    {
        var outcome = TestBuild.Run<Steps>(["Test", "--skip", "Compile"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["Test"], outcome.Ran);
        Assert.Equal("--skip", outcome["Compile"].Reason);
        Assert.Equal(Planner.SkippedWithDependent, outcome["Restore"].Reason);
    }

    [Fact]
    public void SkipAloneRunsOnlyTheInvokedTargets()
    {
        var outcome = TestBuild.Run<Steps>(["Test", "--skip"]);

        Assert.Equal(["Test"], outcome.Ran);
    }

    [Fact]
    public void TheSummaryListsEveryTargetWithStatusAndATotal()
    {
        var outcome = TestBuild.Run<Steps>(["Index", "Lint", "Report"]);

        var lines = outcome.Output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("Docs ") && l.Contains("Failed"));
        Assert.Contains(lines, l => l.StartsWith("Index ") && l.Contains("NotRun: Docs did not succeed"));
        Assert.Contains(lines, l => l.StartsWith("Total "));
        Assert.Contains("Build failed.", outcome.Output);
    }
}
