namespace Keel.GitHubActions;

/// <summary>Scopes of the GITHUB_TOKEN that a job can be granted.</summary>
public enum GitHubActionsPermission
{
    Actions,
    Attestations,
    Checks,
    Contents,
    Deployments,
    IdToken,
    Issues,
    Packages,
    Pages,
    PullRequests,
    SecurityEvents,
    Statuses,
}
