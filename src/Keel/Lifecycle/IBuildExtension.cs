using Keel.Execution;

namespace Keel.Lifecycle;

/// <summary>
/// A feature that hooks into the build's lifecycle: created -> initialized -> targets running and finishing ->
/// finished. Returning an exit code from the first two ends the build there (help, plan, generators).
/// </summary>
public interface IBuildExtension
{
    /// <summary>Command-line options this extension reads itself: not taken for unknown parameters, and listed in help.</summary>
    IEnumerable<ExtensionOption> Options => [];

    /// <summary>Targets and parameters are known; parameters are not bound yet.</summary>
    int? OnBuildCreated(BuildSession session) => null;

    /// <summary>Parameters are bound and the plan is made; nothing has run.</summary>
    int? OnBuildInitialized(BuildSession session) => null;

    void OnTargetRunning(BuildSession session, TargetRun run)
    {
    }

    /// <summary>The target reached its final status: succeeded, failed, skipped, not run, aborted or collective.</summary>
    void OnTargetFinished(BuildSession session, TargetRun run)
    {
    }

    void OnBuildFinished(BuildSession session, RunRecord record)
    {
    }
}
