using Keel.Tests.Support;

namespace Keel.Tests.Hosts;

/// <summary>Two runs in one clone share .nuke/temp: the second waits for the first, and says so.</summary>
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
}
