using System.Globalization;
using Keel.Git;
using Keel.Tooling;

namespace Keel.Containers;

/// <summary>
/// Reads what was built from the run's host when it is GitHub Actions (its variables and event payload, read once per
/// run), else from git: the event, the ref, the commit (HEAD, the commit that was built), a pull request's number and
/// head commit, the default branch, the owner.
/// </summary>
/// <param name="host">The run's host; a <see cref="GitHubActions.GitHubActions"/> says what the run is about.</param>
/// <param name="environment">The build's environment: GITHUB_REPOSITORY_OWNER names the owner on any machine.</param>
internal sealed class SourceContextReader(GitTool git, Host host, IReadOnlyDictionary<string, string> environment)
{
    /// <summary>
    /// Files the build itself writes as it starts (the schema, parameters.json when missing, IDE profiles): a change
    /// to them is not a change to what is built, so it does not make the working tree a modified one.
    /// </summary>
    private static readonly string[] Generated = [".nuke/build.schema.json", ".nuke/parameters.json", "**/Properties/launchSettings.json"];

    /// <summary>A reader for the host an environment describes, for callers that have the environment and not the run's host.</summary>
    public SourceContextReader(GitTool git, IReadOnlyDictionary<string, string> environment)
        : this(git, Host.From(environment), environment)
    {
    }

    public SourceContext Read()
    {
        var run = host as GitHubActions.GitHubActions;
        var remote = RepositoryAddress.Parse(git.TryQuery("remote", "get-url", "origin"));
        var gitEvent = run is null ? null : run.EventName ?? "";
        var pullRequest = run?.PullRequestNumber;

        // pull_request_target runs in the base branch's context (its ref names it), whatever it checks out: what is
        // built is the pull request, and is named as one.
        var gitRef = run is null ? LocalRef()
            : pullRequest is { } number && gitEvent == "pull_request_target"
                ? GitRef.PullRequest(number, run.HeadRef ?? run.PullRequestHeadRef ?? "")
                : GitRef.Parse(run.Ref, run.HeadRef) ?? LocalRef();
        // HEAD, not the run's commit or the pull request's head: the image's revision and sha- tag name the commit in it.
        var commit = git.CurrentCommit();

        return new SourceContext
        {
            Event = gitEvent,
            Ref = gitRef,
            Commit = commit,
            CommitTime = git.TryQuery("show", "-s", "--format=%cI", commit) is { Length: > 0 } time
                ? DateTimeOffset.Parse(time, CultureInfo.InvariantCulture)
                : null,
            ModifiedTree = git.ModifiedTree(Generated),
            PullRequestHead = pullRequest is null ? null : run!.PullRequestHeadSha,
            DefaultBranch = run?.DefaultBranch ?? LocalDefaultBranch(),
            RepositoryUrl = run?.Repository is { Length: > 0 } repository ? $"{run.ServerUrl}/{repository}" : remote?.WebUrl,
            Owner = environment.GetValueOrDefault("GITHUB_REPOSITORY_OWNER") is { Length: > 0 } owner ? owner : remote?.Owner,
        };
    }

    private GitRef LocalRef()
    {
        if (git.TryQuery("symbolic-ref", "-q", "--short", "HEAD") is { Length: > 0 } branch)
            return GitRef.Branch(branch);
        if (git.TryQuery("describe", "--tags", "--exact-match", "HEAD") is { Length: > 0 } tag)
            return GitRef.Tag(tag);
        return GitRef.Branch("HEAD");
    }

    private string? LocalDefaultBranch()
    {
        if (git.TryQuery("symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD") is { Length: > 0 } remoteHead)
            return remoteHead[(remoteHead.IndexOf('/') + 1)..];
        foreach (var candidate in new[] { "main", "master" })
        {
            if (git.TryQuery("rev-parse", "--verify", "-q", $"refs/heads/{candidate}") is { Length: > 0 })
                return candidate;
        }

        return null;
    }
}
