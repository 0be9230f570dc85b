namespace Keel.GitHubActions;

/// <summary>
/// The build on a GitHub Actions runner, with the run's context from the runner's variables, as NUKE's
/// <c>GitHubActions</c> host gives it. Secrets (GITHUB_TOKEN) are not part of it: declare them as parameters.
/// </summary>
public sealed record GitHubActions : Host
{
    internal GitHubActions() : base(HostKind.GitHubActions) { }

    /// <summary><c>owner/name</c> (GITHUB_REPOSITORY).</summary>
    public string? Repository { get; internal init; }

    public string? RepositoryOwner { get; internal init; }

    /// <summary>The full ref that started the run: <c>refs/heads/main</c>, <c>refs/tags/v1.2.3</c>, <c>refs/pull/7/merge</c>.</summary>
    public string? Ref { get; internal init; }

    /// <summary>A pull request's head branch, empty otherwise (GITHUB_HEAD_REF).</summary>
    public string? HeadRef { get; internal init; }

    /// <summary>A pull request's base branch, empty otherwise (GITHUB_BASE_REF).</summary>
    public string? BaseRef { get; internal init; }

    /// <summary>The pull request of a pull_request or pull_request_target run, as its event payload numbers it; null otherwise.</summary>
    public int? PullRequestNumber { get; internal init; }

    /// <summary>The pull request's head branch as its event payload names it; null outside a pull request's run.</summary>
    public string? PullRequestHeadRef { get; internal init; }

    /// <summary>The pull request's head commit (not the merge commit a pull_request run checks out); null outside a pull request's run.</summary>
    public string? PullRequestHeadSha { get; internal init; }

    /// <summary>The repository's default branch, as the event payload names it; null when it does not.</summary>
    public string? DefaultBranch { get; internal init; }

    public string? Sha { get; internal init; }

    /// <summary><c>push</c>, <c>pull_request</c>, <c>workflow_dispatch</c>...</summary>
    public string? EventName { get; internal init; }

    public string? Workflow { get; internal init; }

    public string? Job { get; internal init; }

    public string? Actor { get; internal init; }

    public long RunId { get; internal init; }

    public long RunNumber { get; internal init; }

    public long RunAttempt { get; internal init; }

    public string ServerUrl { get; internal init; } = "https://github.com";

    /// <summary>The run's page: <c>https://github.com/owner/name/actions/runs/123</c>.</summary>
    public string? RunUrl => Repository is null || RunId == 0 ? null : $"{ServerUrl}/{Repository}/actions/runs/{RunId}";

    public bool IsPullRequest => EventName is "pull_request" or "pull_request_target";

    /// <summary>The run's context from a runner's variables and its event payload.</summary>
    internal static GitHubActions FromRunner(IReadOnlyDictionary<string, string> environment)
    {
        string? Text(string name) => environment.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        long Number(string name) => long.TryParse(environment.GetValueOrDefault(name), out var value) ? value : 0;
        var eventName = Text("GITHUB_EVENT_NAME");
        var payload = EventPayload.Read(Text("GITHUB_EVENT_PATH"), eventName is "pull_request" or "pull_request_target");
        return new GitHubActions
        {
            Repository = Text("GITHUB_REPOSITORY"),
            RepositoryOwner = Text("GITHUB_REPOSITORY_OWNER"),
            Ref = Text("GITHUB_REF"),
            HeadRef = Text("GITHUB_HEAD_REF"),
            BaseRef = Text("GITHUB_BASE_REF"),
            Sha = Text("GITHUB_SHA"),
            EventName = eventName,
            PullRequestNumber = payload.PullRequestNumber,
            PullRequestHeadRef = payload.PullRequestHeadRef,
            PullRequestHeadSha = payload.PullRequestHeadSha,
            DefaultBranch = payload.DefaultBranch,
            Workflow = Text("GITHUB_WORKFLOW"),
            Job = Text("GITHUB_JOB"),
            Actor = Text("GITHUB_ACTOR"),
            RunId = Number("GITHUB_RUN_ID"),
            RunNumber = Number("GITHUB_RUN_NUMBER"),
            RunAttempt = Number("GITHUB_RUN_ATTEMPT"),
            ServerUrl = Text("GITHUB_SERVER_URL") ?? "https://github.com",
        };
    }

    public override string ToString() => "GitHubActions";
}
