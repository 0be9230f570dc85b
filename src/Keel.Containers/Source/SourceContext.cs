namespace Keel.Containers;

/// <summary>
/// Where the image's content comes from: the event that started the build, the ref that was built, the commit that
/// was built (HEAD: in a pull request, the merge commit), when it was committed, the repository's default branch and
/// web address.
/// </summary>
public sealed record SourceContext
{
    /// <summary>
    /// GitHub Actions' name for the event that started the run (<c>push</c>, <c>pull_request</c>,
    /// <c>pull_request_target</c>, <c>merge_group</c>, ...); null for a build outside GitHub Actions. It decides what
    /// the build may publish (<see cref="ImageTagPolicy"/>).
    /// </summary>
    public string? Event { get; init; }

    public required GitRef Ref { get; init; }

    /// <summary>The commit that was built: HEAD, whatever the runner's variables name (a pull request's merge commit, the head a workflow checked out).</summary>
    public required string Commit { get; init; }
    public DateTimeOffset? CommitTime { get; init; }

    /// <summary>
    /// The git tree of the working directory when it differs from the commit (uncommitted changes or new files);
    /// null when the working tree is the commit. Such an image is not the commit's and never takes its tags.
    /// </summary>
    public string? ModifiedTree { get; init; }

    /// <summary>In a pull request's run, the pull request's head commit, recorded beside the commit that was built; null elsewhere.</summary>
    public string? PullRequestHead { get; init; }
    public string? DefaultBranch { get; init; }

    /// <summary>https://github.com/OWNER/REPO: links a ghcr.io package to its repository.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>The repository's owner as the host spells it (capitals and all).</summary>
    public string? Owner { get; init; }

    /// <summary>Built on someone's own machine, not on GitHub Actions.</summary>
    public bool IsLocal => Event is null;
}
