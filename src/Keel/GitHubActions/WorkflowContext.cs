using Keel.Parameters;

namespace Keel.GitHubActions;

/// <summary>What the generator knows about the build: its targets, parameters, and whether it uses GitVersion.</summary>
internal sealed record WorkflowContext(IReadOnlyList<TargetDefinition> Targets, IReadOnlyList<ParameterDefinition> Parameters, bool UsesGitVersion)
{
    /// <summary>Where the attributes live and which scripts start the build, for the steps and the header that says how to regenerate.</summary>
    public BuildLayout Layout { get; init; } = BuildLayout.At(AbsolutePath.Create(Path.GetTempPath()));

    /// <summary>The build folder as the header names it: <c>build/</c>.</summary>
    public string Source => Layout.Show(Layout.BuildDirectory) + "/";

    /// <summary>Steps the build adds after its own, from [GitHubActionsStep] attributes.</summary>
    public IReadOnlyList<GitHubActionsStepAttribute> Steps { get; init; } = [];

    /// <summary>What features add before the build, from attributes derived from <see cref="GitHubActionsJobSetupAttribute"/>.</summary>
    public IReadOnlyList<GitHubActionsJobSetupAttribute> Setups { get; init; } = [];
}
