using Keel.Execution;
using Keel.Hosts;
using Keel.Lifecycle;
using Keel.Logging;
using Keel.Tests.Support;
using Keel.Tooling;

namespace Keel.Tests.Targets;

/// <summary>
/// What a target's action is handed with <c>.Executes(context =&gt; ...)</c>: its name, its Ctrl-C token, its log,
/// a process runner under that token and its units of work; and the same through the build's properties for the
/// NUKE-style actions that take none.
/// </summary>
public class TargetContextTests
{
    private sealed class Contexts : KeelBuild
    {
        public List<string> Trail { get; } = [];

        Target Work => _ => _
            .Executes(context => Trail.Add($"{context.Name} cancellable={context.CancellationToken.CanBeCanceled} same log={ReferenceEquals(context.Log, Log)}"));

        Target Later => _ => _
            .DependsOn(Work)
            .Executes(() => Trail.Add("Later"));

        Target Cleanup => _ => _
            .After(Later)
            .AssuredAfterFailure()
            .Executes(async context =>
            {
                Trail.Add($"{context.Name} cancellable={context.CancellationToken.CanBeCanceled}");
                var echo = Tools.Resolve("echo");
                Trail.Add((await context.Processes.RunAsync(new ToolInvocation(echo, ["from the context"]))).StandardOutput.Trim());
                Trail.Add(Processes.Run(new ToolInvocation(echo, ["from the build"])).StandardOutput.Trim());
            });

        Target Units => _ => _
            .Executes(context =>
            {
                var unit = context.Incremental.Unit("one", ["input.txt"]);
                Trail.Add($"{context.Name}.one up to date={unit.IsUpToDate}");
                unit.Succeeded();
            });

        Target OtherUnits => _ => _
            .After(Units)
            .Executes(() =>
            {
                var unit = Incremental.Unit("one", ["input.txt"]);
                Trail.Add($"OtherUnits.one up to date={unit.IsUpToDate}");
                unit.Succeeded();
            });
    }

    /// <summary>Presses Ctrl-C as soon as one target has finished.</summary>
    private sealed class CtrlCAfter(string target, BuildCancellation cancellation) : IBuildExtension
    {
        public void OnTargetFinished(BuildSession session, TargetRun run)
        {
            if (run.Name == target)
                cancellation.Cancel();
        }
    }

    [Fact]
    public void AnOrdinaryTargetsContextCarriesItsNameTheBuildsLogAndCtrlC()
    {
        var outcome = TestBuild.Run<Contexts>(["Work"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["Work cancellable=True same log=True"], ((Contexts)outcome.Session!.Build).Trail);
    }

    [Fact]
    public void AfterCtrlCAnAssuredTargetsProcessesRunUncancelledFromItsContextAndFromTheBuild()
    {
        using var root = new TempDirectory();
        using var cancellation = new BuildCancellation();
        var environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        var services = new BuildServices
        {
            Environment = environment,
            WorkingDirectory = root.Path,
            Console = new BuildConsole(new StringWriter(), Color: false),
            Cancellation = cancellation,
        };

        var outcome = TestBuild.Run<Contexts>(["Later", "Cleanup"], root: root, services: services, extensions: [new CtrlCAfter("Work", cancellation)]);

        Assert.Equal(130, outcome.ExitCode);
        Assert.Equal(
            ["Work cancellable=True same log=True", "Cleanup cancellable=False", "from the context", "from the build"],
            ((Contexts)outcome.Session!.Build).Trail);
    }

    [Fact]
    public void UnitsOfWorkAreRecordedUnderTheTargetThatChecksThem()
    {
        using var root = new TempDirectory();
        root.Write("input.txt", "same\n");

        var first = TestBuild.Run<Contexts>(["Units"], root: root);
        var second = TestBuild.Run<Contexts>(["Units", "OtherUnits"], root: root);

        Assert.Equal(["Units.one up to date=False"], ((Contexts)first.Session!.Build).Trail);
        Assert.Equal(["Units.one up to date=True", "OtherUnits.one up to date=False"], ((Contexts)second.Session!.Build).Trail);
    }
}
