using System.Net;

namespace Keel.Containers;

/// <summary>A registry login. The password is a secret: it travels on standard input and is masked in every log.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>
    /// True for GitHub Container Registry (ghcr.io, and its *.ghcr.io forms): the only registry a GitHub token is for.
    /// Anywhere else a GITHUB_TOKEN would hand the repository's token to a stranger.
    /// </summary>
    public static bool TakesGitHubToken(string registry)
    {
        var host = Host(registry);
        return host == "ghcr.io" || host.EndsWith(".ghcr.io", StringComparison.Ordinal);
    }

    /// <summary>True for a registry on this machine (localhost, 127.0.0.0/8, ::1), whatever its port.</summary>
    public static bool IsOnThisMachine(string registry)
    {
        var host = Host(registry);
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The host of host[:port] or [v6]:port, lowercased.</summary>
    private static string Host(string registry)
    {
        var text = registry.Trim().ToLowerInvariant();
        if (text.StartsWith('['))
            return text.IndexOf(']') is > 0 and var close ? text[1..close] : text;
        return text.Split('/')[0].Split(':')[0];
    }

    public override string ToString() => $"{Username}:***";
}
