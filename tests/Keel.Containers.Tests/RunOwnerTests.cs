using System.Diagnostics;

namespace Keel.Containers.Tests;

/// <summary>Which run made a container, and whether that run is over: one named row per case.</summary>
public class RunOwnerTests
{
    private const string Here = "build-host";

    public static TheoryData<string, string, string, string?, bool> Runs => new()
    {
        { "a live run keeps what it made", Here, "1000", "1000", false },
        { "a run whose process is gone is over", Here, "1000", null, true },
        { "a process id given to another process since: the run is over", Here, "1000", "2000", true },
        { "another machine's run is never judged from here", "other-host", "1000", null, false },
        { "without a start, a live process id keeps it", Here, "", "2000", false },
        { "without a start, a gone process id does not", Here, "", null, true },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void ARunIsOverWhenItsProcessIsGoneOrIsAnotherOne(string name, string host, string started, string? startNow, bool over)
    {
        _ = name;
        var owner = new RunOwner(host, 4242, started);

        Assert.Equal(over, owner.IsOver(Here, id => id == 4242 ? startNow : null));
    }

    [Theory]
    [InlineData("build-host", "4242", "1000", true)]
    [InlineData("build-host", "", "1000", false)]
    [InlineData("build-host", "-1", "1000", false)]
    [InlineData("", "4242", "1000", false)]
    public void LabelsNameAnOwnerOnlyWhenTheyNameAMachineAndAProcess(string host, string processId, string started, bool named) =>
        Assert.Equal(named, RunOwner.FromLabels(host, processId, started) is not null);

    [Fact]
    public void TheLabelsNameThisRunAndReadBackAsIt()
    {
        var owner = RunOwner.ThisProcess();
        var labels = owner.LabelArguments.Where((_, i) => i % 2 == 1).Select(l => l.Split('=', 2)).ToDictionary(l => l[0], l => l[1]);

        Assert.Equal(owner, RunOwner.FromLabels(labels[RunOwner.HostLabel], labels[RunOwner.ProcessLabel], labels[RunOwner.StartedLabel]));
        Assert.Equal(Environment.ProcessId, owner.ProcessId);
        Assert.False(owner.IsOver(Environment.MachineName, RunOwner.ProcessStart));
    }

    [Fact]
    public void AProcessThatEndedHasNoStart()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();

        Assert.Null(RunOwner.ProcessStart(process.Id));
        Assert.NotNull(RunOwner.ProcessStart(Environment.ProcessId));
        Assert.Equal(RunOwner.ProcessStart(Environment.ProcessId), RunOwner.ProcessStart(Environment.ProcessId));
    }
}
