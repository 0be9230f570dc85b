using System.Diagnostics;
using Keel.Tests.Support;
using Keel.Tests.Tooling;

namespace Keel.Tests.Execution;

/// <summary>Ctrl-C, SIGTERM and a closed terminal (SIGHUP) on a real build process (tests/Keel.TestProgram's SampleBuild).</summary>
public class CancellationTests
{
    [Fact]
    public async Task CtrlCStopsTheChildProcessRunsAssuredTargetsAndExitsNonZero() => await StopsLikeCtrlC("-INT");

    [Fact]
    public async Task AClosedTerminalStopsTheBuildLikeCtrlCWithCleanupAndSummary() => await StopsLikeCtrlC("-HUP");

    /// <summary>
    /// The terminal itself goes away (its window closed, an ssh connection dropped): the build runs in a real pseudo
    /// terminal (script), which is then closed. The kernel hangs the build up, and writing to that terminal fails from
    /// then on; the build still stops its child, runs its assured target, and writes its summary to build.log.
    /// </summary>
    [Fact]
    public async Task ClosingTheTerminalStillRunsCleanupAndLogsTheSummary()
    {
        using var root = new TempDirectory();
        var pidFile = root.File("child.pid");
        var marker = root.File("cleanup.marker");
        static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var command = string.Join(' ', new[] { Repository.DotNet, Repository.TestProgram, "build", "Later", "Cleanup", "--pid-file", pidFile, "--marker", marker }.Select(Quoted));
        var start = new ProcessStartInfo("script", ["--quiet", "--flush", "--return", "--command", command, "/dev/null"])
        {
            WorkingDirectory = root.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Command.AsOnADevelopersMachine(start);
        using var terminal = Process.Start(start)!;
        _ = terminal.StandardOutput.ReadToEndAsync();
        _ = terminal.StandardError.ReadToEndAsync();
        var child = await ProcessRunnerTests.WaitForPid(pidFile);
        var build = ParentOf(child);

        terminal.Kill();
        await terminal.WaitForExitAsync();

        Assert.True(await ProcessRunnerTests.Gone(child), $"child {child} still runs");
        for (var i = 0; i < 600 && !await ProcessRunnerTests.Gone(build); i++)
            await Task.Delay(100);
        Assert.True(await ProcessRunnerTests.Gone(build), $"the build {build} still runs");
        var log = File.ReadAllText(root.File(".nuke/temp/build.log"));
        Assert.Equal("cleaned up", File.ReadAllText(marker));
        Assert.Matches(@"Work\s+Aborted", log);
        Assert.Matches(@"Cleanup\s+Succeeded", log);
        Assert.Contains("Build cancelled.", log);
        Assert.DoesNotContain("Unexpected error", log);
    }

    private static int ParentOf(int pid) => int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    private static async Task StopsLikeCtrlC(string signal)
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

        using (var kill = Process.Start("kill", [signal, build.Id.ToString()]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await build.WaitForExitAsync(timeout.Token);
        var text = await output;

        Assert.True(build.ExitCode == 130, $"exit code {build.ExitCode}:\n{text}");
        Assert.True(await ProcessRunnerTests.Gone(child), $"child {child} still runs");
        Assert.Equal("cleaned up", File.ReadAllText(marker));
        Assert.False(File.Exists(marker + ".later"), "Later ran after the signal");
        Assert.Matches(@"Work\s+Aborted", text);
        Assert.Matches(@"Later\s+NotRun: the build was cancelled", text);
        Assert.Matches(@"Cleanup\s+Succeeded", text);
        Assert.Contains("Build cancelled.", text);
    }
}
