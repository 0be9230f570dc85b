using Keel.Hosts;

namespace Keel.GitHubActions;

/// <summary>
/// GitHub Actions as a host: a runner sets GITHUB_ACTIONS=true, and its run's context comes from its variables and the
/// event payload (<see cref="GitHubActions.FromRunner"/>). The engine reads GITHUB_ACTIONS here and nowhere else.
/// </summary>
internal sealed class GitHubActionsProvider : IHostProvider
{
    /// <summary>The variable that marks a runner; tools started under it (GitVersion) may be kept from seeing it.</summary>
    public const string Variable = "GITHUB_ACTIONS";

    public Host? Detect(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault(Variable) == "true" ? GitHubActions.FromRunner(environment) : null;
}
