using System.Diagnostics;
using Keel.Tests.Support;
using Keel.Tests.Tooling;

namespace Keel.Tests.Execution;

/// <summary>Ctrl-C on a real build process (tests/Keel.TestProgram's SampleBuild).</summary>
public class CancellationTests
{
    [Fact]
    public async Task CtrlCStopsTheChildProcessRunsAssuredTargetsAndExitsNonZero()
    {
        using var root = new TempDirectory();
        var pidFile = root.File("child.pid");
        var marker = root.File("cleanup.marker");
        var start = new ProcessStartInfo(Repository.DotNet)
        {
            WorkingDirectory = root.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Repository.TestProgram, "build", "Later", "Cleanup", "--pid-file", pidFile, "--marker", marker },
        };
        Command.AsOnADevelopersMachine(start);
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var child = await ProcessRunnerTests.WaitForPid(pidFile);

        using (var kill = Process.Start("kill", ["-INT", build.Id.ToString()]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await build.WaitForExitAsync(timeout.Token);
        var text = await output;

        Assert.Equal(130, build.ExitCode);
        Assert.True(await ProcessRunnerTests.Gone(child), $"child {child} still runs");
        Assert.Equal("cleaned up", File.ReadAllText(marker));
        Assert.False(File.Exists(marker + ".later"), "Later ran after Ctrl-C");
        Assert.Matches(@"Work\s+Aborted", text);
        Assert.Matches(@"Later\s+NotRun: the build was cancelled", text);
        Assert.Matches(@"Cleanup\s+Succeeded", text);
        Assert.Contains("Build cancelled.", text);
    }
}
