using Keel.Execution;
using Keel.Lifecycle;

namespace Keel.Tests.Support;

/// <summary>What a build run in a test left behind: exit code, console text, the session and the file log.</summary>
public sealed record BuildOutcome(int ExitCode, string Output, BuildSession? Session, string LogFile)
{
    public RunRecord Record => Session?.Record ?? throw new InvalidOperationException($"The build did not run its plan. Output:\n{Output}");

    public TargetRun this[string target] => Record.Targets.Single(t => t.Name == target);

    public IReadOnlyList<string> Ran => [.. Record.Targets.Where(t => t.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Collective).Select(t => t.Name)];

    public IReadOnlyList<string> Planned => [.. Record.Targets.Select(t => t.Name)];
}
