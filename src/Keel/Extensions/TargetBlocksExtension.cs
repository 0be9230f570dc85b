using Keel.Execution;
using Keel.Lifecycle;
using Keel.Logging;

namespace Keel.Extensions;

/// <summary>A heading before each target's output, and a line for targets that do not run.</summary>
internal sealed class TargetBlocksExtension : IBuildExtension
{
    public void OnTargetRunning(BuildSession session, TargetRun run) =>
        session.Log.Information("{Mark}{Target} {Rule}", TerminalSink.HeadingMark, run.Name, new string('─', Math.Max(3, 56 - run.Name.Length)));

    public void OnTargetFinished(BuildSession session, TargetRun run)
    {
        if (run.Status is TargetStatus.UpToDate)
            session.Log.Information("{Target} is up to date: {Reason}", run.Name, run.Reason);
        else if (run.Status is TargetStatus.Skipped or TargetStatus.NotRun)
            session.Log.Debug("{Target}: {Status} ({Reason})", run.Name, run.Status, run.Reason);
    }
}
