namespace Keel.GitHubActions;

/// <summary>
/// What a feature adds to the publishing jobs of one workflow (every job, when the workflow names no publishing
/// targets): steps that set up the runner before the build runs, and parameter values the build gets. A package derives
/// from it so that a build asks for the feature with one attribute, and the generator writes what the runner needs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public abstract class GitHubActionsJobSetupAttribute(string workflow) : Attribute
{
    /// <summary>The name of the [GitHubActions] workflow it belongs to.</summary>
    public string Workflow { get; } = workflow;

    /// <summary>Parameter values for the build, by the parameter's name (nameof(Platforms)); they go into the build step's environment.</summary>
    public abstract IReadOnlyDictionary<string, string> ParameterValues { get; }

    /// <summary>The steps to run before the build on a runner of <paramref name="runner"/>; none where the runner needs nothing.</summary>
    public abstract IReadOnlyList<GitHubActionsSetupStep> StepsFor(GitHubActionsImage runner);

    /// <summary>
    /// How the publishing job splits into one job a part and a merge job, for a workflow on <paramref name="runner"/>;
    /// null (the default): it stays one job. A split's parts bring their own setup steps in place of <see cref="StepsFor"/>'s.
    /// </summary>
    public virtual GitHubActionsJobSplit? SplitFor(GitHubActionsImage runner) => null;
}

/// <summary>A step that runs an action before the build.</summary>
/// <param name="Name">What the step does, as the run's log shows it.</param>
/// <param name="Uses">owner/name@SHA, a full 40-character commit.</param>
/// <param name="Version">The release that commit is (v3.6.0), written beside it.</param>
public sealed record GitHubActionsSetupStep(string Name, string Uses, string Version)
{
    /// <summary>The action's inputs.</summary>
    public IReadOnlyDictionary<string, string> With { get; init; } = new Dictionary<string, string>();
}
