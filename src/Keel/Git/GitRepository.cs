using Keel.Tooling;

namespace Keel.Git;

/// <summary>
/// The repository the build runs in, as NUKE's <c>[GitRepository]</c> gives it: branch, commit, tags, remote. Each
/// value is read from git the first time it is asked for. On GitHub Actions the branch comes from the run (its ref,
/// a pull request's head branch), as a checkout there is often detached.
/// </summary>
public sealed class GitRepository
{
    private readonly Func<GitTool> _git;
    private readonly Host _host;
    private readonly Lazy<string?> _branch, _commit, _remote;
    private readonly Lazy<IReadOnlyList<string>> _tags;

    /// <param name="git">The build's git, asked for when a value is first read: the target reading it may run under its own token.</param>
    /// <param name="host">The run's host: on GitHub Actions, its ref names the branch.</param>
    internal GitRepository(Func<GitTool> git, Host host, AbsolutePath root)
    {
        _git = git;
        _host = host;
        LocalDirectory = root;
        _branch = new(ReadBranch);
        _commit = new(() => _git().TryQuery("rev-parse", "-q", "--verify", "HEAD"));
        _remote = new(() => _git().TryQuery("remote", "get-url", "origin"));
        _tags = new(() => (_git().TryQuery("tag", "--points-at", "HEAD") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public AbsolutePath LocalDirectory { get; }

    /// <summary>The branch (<c>main</c>, <c>release/2.0</c>), or null on a detached HEAD outside a CI run.</summary>
    public string? Branch => _branch.Value;

    /// <summary>The commit HEAD is at, or null in a repository with no commits.</summary>
    public string? Commit => _commit.Value;

    /// <summary>The tags on HEAD.</summary>
    public IReadOnlyList<string> Tags => _tags.Value;

    /// <summary>The origin remote's URL, or null without one.</summary>
    public string? RemoteUrl => _remote.Value;

    /// <summary><c>owner/name</c> from the origin remote (GitHub, GitLab, Azure DevOps style URLs), or null.</summary>
    public string? Identifier => RepositoryAddress.Parse(RemoteUrl)?.Identifier;

    public bool IsOnMainBranch() => Branch is "main";

    public bool IsOnMasterBranch() => Branch is "master";

    public bool IsOnDevelopBranch() => Branch is "develop" or "dev" or "development";

    public bool IsOnReleaseBranch() => Branch?.StartsWith("release/", StringComparison.OrdinalIgnoreCase) == true;

    public bool IsOnHotfixBranch() => Branch?.StartsWith("hotfix/", StringComparison.OrdinalIgnoreCase) == true;

    public bool IsOnFeatureBranch() => Branch?.StartsWith("feature/", StringComparison.OrdinalIgnoreCase) == true;

    public override string ToString() => $"{Identifier ?? LocalDirectory.Value} ({Branch ?? "detached"} at {Commit?[..Math.Min(7, Commit.Length)] ?? "no commit"})";

    private string? ReadBranch()
    {
        if (_host is GitHubActions.GitHubActions run)
        {
            if (run.HeadRef is { Length: > 0 } head)
                return head;
            if (run.Ref is { } reference && reference.StartsWith("refs/heads/", StringComparison.Ordinal))
                return reference["refs/heads/".Length..];
        }

        return _git().TryQuery("symbolic-ref", "-q", "--short", "HEAD");
    }
}
