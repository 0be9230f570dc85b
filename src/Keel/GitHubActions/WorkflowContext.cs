using Keel.Parameters;

namespace Keel.GitHubActions;

/// <summary>What the generator knows about the build: its targets, parameters, and whether it uses GitVersion.</summary>
internal sealed record WorkflowContext(IReadOnlyList<TargetDefinition> Targets, IReadOnlyList<ParameterDefinition> Parameters, bool UsesGitVersion)
{
    /// <summary>Where the attributes live, for the header that says how to regenerate.</summary>
    public string Source { get; init; } = "build/";

    /// <summary>Steps the build adds after its own, from [GitHubActionsStep] attributes.</summary>
    public IReadOnlyList<GitHubActionsStepAttribute> Steps { get; init; } = [];
}
