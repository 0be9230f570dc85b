using Keel.Extensions;
using Keel.GitHubActions;

namespace Keel.Lifecycle;

/// <summary>The extensions every build gets; each says where it hears the build's events (<see cref="IBuildExtension.Order"/>).</summary>
internal static class StandardExtensions
{
    public static IReadOnlyList<IBuildExtension> Create() =>
    [
        new GitHubActionsHost(),
        new SchemaExtension(),
        new LaunchSettingsExtension(),
        new WorkflowExtension(),
        new HostOptionsExtension(),
        new HelpExtension(),
        new PlanExtension(),
        new TargetBlocksExtension(),
        new BuildHooksExtension(),
        new SummaryExtension(),
    ];
}
