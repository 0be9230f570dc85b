using Keel.Tests.Support;

namespace Keel.Tests.Hosts;

/// <summary>Two runs in one clone share .nuke/temp: the second waits for the first, and says so; --help waits for nothing.</summary>
public class RunLockTests
{
    private sealed class Quick : KeelBuild
    {
        Target Compile => _ => _.Executes(() => { });
    }

    [Fact]
    public async Task ASecondRunInTheSameCloneWaitsForTheFirst()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.File(".nuke/temp"));
        var held = new FileStream(root.File(".nuke/temp/run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var second = Task.Run(() => TestBuild.Run<Quick>(["Compile"], root: root));
        await Task.Delay(1500);
        var waited = !second.IsCompleted;
        await held.DisposeAsync();
        var outcome = await second;

        Assert.True(waited, "the second run did not wait for the first");
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.StartsWith("Another build is running in this clone; waiting for it to finish (Ctrl-C stops waiting) ...", outcome.Output);
    }

    [Fact]
    public async Task HelpAnswersWhileAnotherRunHoldsTheCloneAndKeepsThatRunsLog()
    {
        using var root = new TempDirectory();
        root.Write(".nuke/temp/build.log", "the last run's log\n");
        await using var held = new FileStream(root.File(".nuke/temp/run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var help = Task.Run(() => TestBuild.Run<Quick>(["--help"], root: root));
        var finished = await Task.WhenAny(help, Task.Delay(TimeSpan.FromSeconds(30))) == help;

        Assert.True(finished, "--help waited for the run that holds the clone");
        var outcome = await help;
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Contains("\n  Compile", outcome.Output);
        Assert.DoesNotContain("Another build is running", outcome.Output);
        Assert.Equal("the last run's log\n", File.ReadAllText(root.File(".nuke/temp/build.log")));
    }
}
