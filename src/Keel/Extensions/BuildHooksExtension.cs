using Keel.Execution;
using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>NUKE's lifecycle hooks: the build's own overridable methods, called as the events happen.</summary>
internal sealed class BuildHooksExtension : IBuildExtension
{
    public int? OnBuildCreated(BuildSession session)
    {
        session.Build.RaiseBuildCreated();
        return null;
    }

    public int? OnBuildInitialized(BuildSession session)
    {
        session.Build.RaiseBuildInitialized();
        return null;
    }

    public void OnTargetRunning(BuildSession session, TargetRun run) => session.Build.RaiseTargetRunning(run.Name);

    public void OnTargetFinished(BuildSession session, TargetRun run)
    {
        if (run.Status == TargetStatus.Succeeded)
            session.Build.RaiseTargetSucceeded(run.Name);
        else if (run.Status is TargetStatus.Failed or TargetStatus.Aborted)
            session.Build.RaiseTargetFailed(run.Name);
    }

    public void OnBuildFinished(BuildSession session, RunRecord record)
    {
        session.Build.IsSuccessful = !record.Failed && !record.Cancelled;
        session.Build.RaiseBuildFinished();
    }
}
