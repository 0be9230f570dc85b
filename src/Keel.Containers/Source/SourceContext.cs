namespace Keel.Containers;

/// <summary>
/// Where the image's content comes from: the ref that was built, the commit (on pull requests the PR's head
/// commit, not the merge commit), when it was committed, the repository's default branch and web address.
/// </summary>
public sealed record SourceContext
{
    public required GitRef Ref { get; init; }
    public required string Commit { get; init; }
    public DateTimeOffset? CommitTime { get; init; }

    /// <summary>
    /// The git tree of the working directory when it differs from the commit (uncommitted changes or new files);
    /// null when the working tree is the commit. Such an image is not the commit's and never takes its tags.
    /// </summary>
    public string? ModifiedTree { get; init; }
    public string? DefaultBranch { get; init; }

    /// <summary>https://github.com/OWNER/REPO: links a ghcr.io package to its repository.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>The repository's owner as the host spells it (capitals and all).</summary>
    public string? Owner { get; init; }
}
