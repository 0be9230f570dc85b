namespace Keel.GitHubActions;

/// <summary>One part of a <see cref="GitHubActionsJobSplit"/>: its own job, on its own runner.</summary>
/// <param name="Key">What the part is (linux/arm64): its job's id and name are made from it.</param>
/// <param name="Runner">The runner label the job runs on (ubuntu-24.04-arm); null: the workflow's own runner.</param>
public sealed record GitHubActionsJobPart(string Key, string? Runner)
{
    /// <summary>Parameter values for this part's build, by the parameter's name, over the feature's own.</summary>
    public IReadOnlyDictionary<string, string> ParameterValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The steps that set up this part's runner before the build (emulation where it is not native).</summary>
    public IReadOnlyList<GitHubActionsSetupStep> Steps { get; init; } = [];
}
