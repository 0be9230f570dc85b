namespace Keel.Tests.Support;

/// <summary>Checkouts made the way actions/checkout makes them with fetch-depth 0.</summary>
public static class GitHubCheckout
{
    /// <summary>
    /// An empty repository with origin, every branch as a remote branch and every tag, then <paramref name="reference"/>
    /// checked out: a tag detached, a branch as a local branch at the remote's tip, a pull request's merge commit detached.
    /// </summary>
    public static TempDirectory Of(string origin, string reference)
    {
        var workspace = new TempDirectory(nuke: false);
        var repository = GitRepository.Init(workspace);
        repository.Git("remote", "add", "origin", origin);
        repository.Git("fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");
        if (reference.StartsWith("refs/pull/", StringComparison.Ordinal))
        {
            repository.Git("fetch", "-q", "origin", $"+{reference}:refs/remotes/{reference["refs/".Length..]}");
            repository.Git("checkout", "-q", "--force", $"refs/remotes/{reference["refs/".Length..]}");
        }
        else if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            var branch = reference["refs/heads/".Length..];
            repository.Git("checkout", "-q", "--force", "-B", branch, $"refs/remotes/origin/{branch}");
        }
        else
        {
            repository.Git("checkout", "-q", "--force", reference);
        }

        Directory.CreateDirectory(workspace.File(".nuke"));
        return workspace;
    }

    /// <summary>What a runner sets for a run of <paramref name="reference"/> at <paramref name="sha"/>.</summary>
    public static Dictionary<string, string> Variables(string reference, string sha) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["CI"] = "true",
        ["GITHUB_REF"] = reference,
        ["GITHUB_SHA"] = sha,
        ["GITHUB_EVENT_NAME"] = reference.StartsWith("refs/pull/", StringComparison.Ordinal) ? "pull_request" : "push",
        ["GITHUB_REPOSITORY"] = "Acme/store",
        ["GITHUB_REPOSITORY_OWNER"] = "Acme",
    };
}
