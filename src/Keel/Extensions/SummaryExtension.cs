using Keel.Execution;
using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>Prints the summary table at the end of every build that ran, at every verbosity.</summary>
internal sealed class SummaryExtension : IBuildExtension
{
    public int Order => ExtensionOrder.Summary;

    public void OnBuildFinished(BuildSession session, RunRecord record) =>
        session.Logger.WriteText("\n" + SummaryRenderer.Render(record));
}
