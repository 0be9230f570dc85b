namespace EndToEnd.Tests.Workflows;

/// <summary>
/// A pull request as GitHub keeps it in the base repository: its head commit (a change on top of main) as
/// refs/pull/N/head and the merge commit GitHub makes as refs/pull/N/merge; and the pull_request event for it.
/// </summary>
public static class PullRequestOrigin
{
    public static GitHubRun Open(ThrowawayRepository origin, int number, string branch)
    {
        var main = origin.Git("rev-parse", "refs/heads/main");
        origin.Git("switch", "-q", "--detach", main);
        File.AppendAllText(Path.Combine(origin.Path, "README.md"), $"\nA change from pull request #{number}.\n");
        origin.Git("commit", "-q", "-am", $"Pull request #{number}");
        var head = origin.HeadCommit;
        origin.Git("update-ref", $"refs/pull/{number}/head", head);
        origin.Git("switch", "-q", "--detach", main);
        origin.Git("merge", "-q", "--no-ff", "-m", $"Merge {head} into {main}", head);
        var merge = origin.HeadCommit;
        origin.Git("update-ref", $"refs/pull/{number}/merge", merge);
        origin.Git("switch", "-q", "main");
        return GitHubRun.PullRequest("pull_request", number, branch, head, main, merge);
    }
}
