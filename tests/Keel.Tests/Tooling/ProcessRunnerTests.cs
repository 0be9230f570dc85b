using Keel.Execution;
using Keel.Logging;
using Keel.Tests.Support;
using Keel.Tooling;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Keel.Tests.Tooling;

/// <summary>The process runner against a real program (tests/Keel.TestProgram).</summary>
public class ProcessRunnerTests
{
    private sealed class Collect : ILogEventSink
    {
        public List<(LogEventLevel Level, string Text)> Events { get; } = [];

        public void Emit(LogEvent logEvent)
        {
            lock (Events)
                Events.Add((logEvent.Level, logEvent.RenderMessage()));
        }
    }

    private readonly Collect _log = new();
    private readonly Redactor _redactor = new();

    private ProcessRunner Runner(BuildCancellation? cancellation = null, Dictionary<string, string>? environment = null) => new(
        new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new RedactingSink(_redactor, _log)).CreateLogger(),
        environment ?? new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "", ["KEPT"] = "from the build" },
        _redactor,
        cancellation?.Token ?? CancellationToken.None);

    private static ToolInvocation Program(params string[] args) => new(Repository.DotNet, [Repository.TestProgram, .. args]);

    private List<string> Logged(LogEventLevel level) => [.. _log.Events.Where(e => e.Level == level).Select(e => e.Text)];

    [Fact]
    public void OutputIsLoggedLineByLineAndStandardErrorIsNotAnError()
    {
        var result = Runner().Run(Program("lines", "3"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("out 1\nout 2\nout 3", result.StandardOutput);
        Assert.Equal("err 1\nerr 2\nerr 3", result.StandardError);
        var info = Logged(LogEventLevel.Information);
        Assert.Equal(["err 1", "err 2", "err 3", "out 1", "out 2", "out 3"], info.Where(l => l.StartsWith("out") || l.StartsWith("err")).Order());
        Assert.Empty(Logged(LogEventLevel.Error));
        Assert.Empty(Logged(LogEventLevel.Warning));
    }

    [Fact]
    public void TheCommandIsLoggedAsAnArgumentListWithQuotesWhereNeeded()
    {
        Runner().Run(Program("echo", "two words", "plain"));

        Assert.Contains(Logged(LogEventLevel.Information), l => l.StartsWith("> dotnet ") && l.EndsWith("echo \"two words\" plain"));
        Assert.Contains("two words plain", Logged(LogEventLevel.Information));
    }

    [Fact]
    public void ANonZeroExitCodeFailsWithOneClearLineThatCarriesTheToolsLastWord()
    {
        var error = Assert.Throws<ProcessFailedException>(() => Runner().Run(Program("exit", "3")));

        Assert.Equal(3, error.ExitCode);
        Assert.Equal("'dotnet' exited with code 3: exiting with 3", error.Message.Replace($"'dotnet {Repository.TestProgram}'", "'dotnet'"));
    }

    [Fact]
    public async Task AProcessThatOutlivesItsTimeLimitIsStoppedWithOneLine()
    {
        using var temp = new TempDirectory(nuke: false);
        var pidFile = temp.File("sleeper.pid");

        var running = Task.Run(() => Runner().Run(Program("sleep", pidFile) with { Timeout = TimeSpan.FromSeconds(3) }));
        var sleeper = await WaitForPid(pidFile);
        var error = await Assert.ThrowsAsync<ProcessTimeoutException>(() => running);

        Assert.Equal("'dotnet' did not finish within 3 s and was stopped.", error.Message.Replace($"'dotnet {Repository.TestProgram}'", "'dotnet'"));
        Assert.True(await Gone(sleeper), $"process {sleeper} still runs");
    }

    [Fact]
    public void CleanupStillRunsAfterCtrlC()
    {
        using var cancellation = new BuildCancellation();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Runner(cancellation).Run(Program("echo", "work")));
        var cleanup = Runner(cancellation).Run(Program("echo", "logged out") with { IsCleanup = true });

        Assert.Equal("logged out", cleanup.StandardOutput.Trim());
    }

    [Fact]
    public void ANonZeroExitCodeCanBeReturnedInsteadOfThrown()
    {
        var result = Runner().Run(Program("exit", "4") with { CheckExitCode = false });

        Assert.Equal(4, result.ExitCode);
    }

    [Fact]
    public void StandardInputCarriesASecretThatNeverReachesTheArguments()
    {
        _redactor.Add("hunter2");

        var result = Runner().Run(Program("stdin") with { StandardInput = "hunter2" });

        Assert.Equal("got: hunter2", result.StandardOutput);
        Assert.DoesNotContain(_log.Events, e => e.Text.Contains("hunter2"));
        Assert.Contains("got: ***", Logged(LogEventLevel.Information));
    }

    [Fact]
    public void TheEnvironmentIsTheBuildsPlusOverrides()
    {
        var runner = Runner();

        Assert.Equal("KEPT=from the build", runner.Run(Program("env", "KEPT")).StandardOutput);
        Assert.Equal("ADDED=yes", runner.Run(Program("env", "ADDED") with { Environment = new Dictionary<string, string?> { ["ADDED"] = "yes" } }).StandardOutput);
        Assert.Equal("KEPT=<unset>", runner.Run(Program("env", "KEPT") with { Environment = new Dictionary<string, string?> { ["KEPT"] = null } }).StandardOutput);
    }

    [Fact]
    public void ASecretInTheArgumentsIsRedactedInTheLoggedCommandAndTheError()
    {
        _redactor.Add("s3cr3t-value");

        var error = Assert.Throws<ProcessFailedException>(() => Runner().Run(new ToolInvocation(Repository.DotNet, [Repository.TestProgram, "exit", "1", "s3cr3t-value"])));

        Assert.DoesNotContain("s3cr3t-value", error.Message);
        Assert.DoesNotContain(_log.Events, e => e.Text.Contains("s3cr3t-value"));
    }

    [Fact]
    public async Task CancellationKillsTheWholeProcessTree()
    {
        using var temp = new TempDirectory(nuke: false);
        var pidFile = temp.File("grandchild.pid");
        using var cancellation = new BuildCancellation();
        var running = Runner(cancellation).RunAsync(Program("spawn", pidFile));
        var grandchild = await WaitForPid(pidFile);

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(await Gone(grandchild), $"process {grandchild} still runs");
    }

    [Fact]
    public void ToolsComeFromTheirExeVariableFirstThenThePath()
    {
        using var temp = new TempDirectory(nuke: false);
        var fake = temp.Write("bin/faketool", "#!/bin/sh\n");
        var onPath = new ToolResolver(new Dictionary<string, string> { ["PATH"] = $"/nonexistent{Path.PathSeparator}{Path.GetDirectoryName(fake)}" });
        var overridden = new ToolResolver(new Dictionary<string, string> { ["PATH"] = "", ["FAKETOOL_EXE"] = fake });

        Assert.Equal(fake, onPath.Resolve("faketool"));
        Assert.Equal(fake, overridden.Resolve("faketool"));
        Assert.Equal("'faketool' was not found on PATH; install it, or set FAKETOOL_EXE to its full path.",
            Assert.Throws<BuildException>(() => new ToolResolver(new Dictionary<string, string> { ["PATH"] = "/nonexistent" }).Resolve("faketool")).Message);
        Assert.Equal("FAKETOOL_EXE points to '/nonexistent/faketool', which does not exist; fix or unset FAKETOOL_EXE.",
            Assert.Throws<BuildException>(() => new ToolResolver(new Dictionary<string, string> { ["FAKETOOL_EXE"] = "/nonexistent/faketool" }).Resolve("faketool")).Message);
    }

    internal static async Task<int> WaitForPid(string pidFile)
    {
        for (var i = 0; i < 300; i++)
        {
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid))
                return pid;
            await Task.Delay(50);
        }

        throw new TimeoutException($"{pidFile} never appeared");
    }

    internal static async Task<bool> Gone(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            // A killed child may linger as a zombie until reaped; /proc/PID/stat's state 'Z' counts as gone.
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(')')[^1].TrimStart().StartsWith('Z'))
                return true;
            await Task.Delay(50);
        }

        return false;
    }
}
