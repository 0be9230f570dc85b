using Keel.Execution;

namespace Keel.Lifecycle;

/// <summary>
/// A feature that hooks into the build's lifecycle: created -> initialized -> targets running and finishing ->
/// finished. Returning an exit code from the first two ends the build there (help, plan, generators). A build adds
/// its own as attributes (<see cref="BuildExtensionAttribute"/>) on its class or on a member.
/// </summary>
public interface IBuildExtension
{
    /// <summary>When this extension hears each event, lowest first; see <see cref="ExtensionOrder"/>.</summary>
    int Order => ExtensionOrder.Default;

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

    /// <summary>
    /// What this extension adds to the build's summary on a CI host (release notes, say), once the build finished; what a
    /// target did is its own to report, as it does it (<see cref="BuildOutputs.Summarize"/>).
    /// </summary>
    IEnumerable<SummarySection> SummarySections(BuildSession session) => [];
}
