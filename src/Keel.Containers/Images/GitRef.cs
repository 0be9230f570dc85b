namespace Keel.Containers;

public enum RefKind
{
    Branch,
    Tag,
    PullRequest,
}

/// <summary>What was built: a branch, a tag, or a pull request (Name is then the PR's head branch).</summary>
public sealed record GitRef(RefKind Kind, string Name, int PullRequestNumber = 0)
{
    public static GitRef Branch(string name) => new(RefKind.Branch, name);

    public static GitRef Tag(string name) => new(RefKind.Tag, name);

    public static GitRef PullRequest(int number, string headBranch) => new(RefKind.PullRequest, headBranch, number);

    /// <summary>Reads a full ref such as <c>refs/heads/main</c>, <c>refs/tags/v1.2.3</c> or <c>refs/pull/7/merge</c>.</summary>
    public static GitRef? Parse(string? fullRef, string? pullRequestHead = null)
    {
        if (string.IsNullOrEmpty(fullRef))
            return null;
        if (fullRef.StartsWith("refs/heads/", StringComparison.Ordinal))
            return Branch(fullRef["refs/heads/".Length..]);
        if (fullRef.StartsWith("refs/tags/", StringComparison.Ordinal))
            return Tag(fullRef["refs/tags/".Length..]);
        var parts = fullRef.Split('/');
        if (parts is ["refs", "pull", var number, _] && int.TryParse(number, out var pr))
            return PullRequest(pr, pullRequestHead ?? "");
        return null;
    }
}
