namespace Keel.Git;

/// <summary>
/// A git remote's web address, owner and name: git@github.com:Acme/store.git -> https://github.com/Acme/store, Acme,
/// store. Local paths and file URLs are no address.
/// </summary>
public sealed record RepositoryAddress(string WebUrl, string Owner, string Name)
{
    /// <summary>The last folder and the name: <c>Acme/store</c>.</summary>
    public required string Identifier { get; init; }

    public static RepositoryAddress? Parse(string? remote)
    {
        if (string.IsNullOrWhiteSpace(remote))
            return null;
        var text = remote.Trim();
        string host, path;
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is "file")
                return null;
            host = uri.Host;
            path = uri.AbsolutePath;
        }
        else if (text.IndexOf(':') is var colon and > 0 && !text[..colon].Contains('/'))
        {
            // scp-like: git@github.com:Acme/store.git
            host = text[..colon].Split('@')[^1];
            path = text[(colon + 1)..];
        }
        else
        {
            return null;
        }

        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
            return null;
        var name = parts[^1].EndsWith(".git", StringComparison.Ordinal) ? parts[^1][..^4] : parts[^1];
        var owner = string.Join('/', parts[..^1]);
        return new RepositoryAddress($"https://{host}/{owner}/{name}", parts[0], name) { Identifier = $"{parts[^2]}/{name}" };
    }
}
