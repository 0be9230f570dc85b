namespace Keel.GitHubActions;

/// <summary>Events for the short form <c>On = [...]</c>: every branch, tag or pull request.</summary>
public enum GitHubActionsTrigger
{
    Push,
    PullRequest,
    WorkflowDispatch,
}
