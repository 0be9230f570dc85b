using Keel.Extensions;
using Keel.GitHubActions;
using Keel.Injection;

namespace Keel.Lifecycle;

/// <summary>The extensions every build gets, in the order they hear each event.</summary>
public static class StandardExtensions
{
    public static IReadOnlyList<IBuildExtension> Create() =>
    [
        new GitHubActionsHost(),
        new InjectionExtension(),
        new SchemaExtension(),
        new LaunchSettingsExtension(),
        new WorkflowExtension(),
        new HelpExtension(),
        new PlanExtension(),
        new TargetBlocksExtension(),
        new SummaryExtension(),
    ];
}
