namespace Keel;

/// <summary>What kind of machine a build runs on.</summary>
public enum HostKind
{
    /// <summary>A developer's machine.</summary>
    Terminal,

    /// <summary>A GitHub Actions runner (GITHUB_ACTIONS=true).</summary>
    GitHubActions,

    /// <summary>Another CI server (CI is set).</summary>
    Server,
}

/// <summary>
/// Where the build runs, read once from the environment the build was handed. On GitHub Actions it is a
/// <see cref="GitHubActions.GitHubActions"/> with the run's context: <c>if (Host is GitHubActions actions) ...</c>.
/// </summary>
public record Host(HostKind Kind)
{
    /// <summary>True on a CI server, false on a developer's machine.</summary>
    public bool IsServer => Kind != HostKind.Terminal;

    /// <summary>CI servers the engine knows by their own variables, asked in turn; any other that sets CI is a plain server.</summary>
    private static readonly Hosts.IHostProvider[] Providers = [new GitHubActions.GitHubActionsProvider()];

    /// <summary>The host an environment describes, with its run's context; the engine resolves it once per run.</summary>
    public static Host From(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var provider in Providers)
        {
            if (provider.Detect(environment) is { } host)
                return host;
        }

        return environment.TryGetValue("CI", out var ci) && ci is not ("" or "0" or "false" or "False")
            ? new Host(HostKind.Server)
            : new Host(HostKind.Terminal);
    }

    public override string ToString() => Kind.ToString();
}
