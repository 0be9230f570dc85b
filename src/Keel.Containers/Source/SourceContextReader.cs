using System.Globalization;
using System.Text.Json;
using Keel.Git;
using Keel.Tooling;

namespace Keel.Containers;

/// <summary>
/// Reads what was built from GitHub Actions' variables and event payload when running there, else from git: the event,
/// the ref, the commit (HEAD, the commit that was built), a pull request's number and head commit, the default branch,
/// the owner.
/// </summary>
internal sealed class SourceContextReader(GitTool git, IReadOnlyDictionary<string, string> environment)
{
    /// <summary>
    /// Files the build itself writes as it starts (the schema, parameters.json when missing, IDE profiles): a change
    /// to them is not a change to what is built, so it does not make the working tree a modified one.
    /// </summary>
    private static readonly string[] Generated = [".nuke/build.schema.json", ".nuke/parameters.json", "**/Properties/launchSettings.json"];

    public SourceContext Read()
    {
        var onGitHub = environment.GetValueOrDefault("GITHUB_ACTIONS") == "true";
        var remote = RepositoryAddress.Parse(git.TryQuery("remote", "get-url", "origin"));
        using var payload = onGitHub ? EventPayload() : null;
        var root = payload?.RootElement;
        var gitEvent = onGitHub ? environment.GetValueOrDefault("GITHUB_EVENT_NAME") ?? "" : null;
        var pullRequest = gitEvent is "pull_request" or "pull_request_target" ? Number(root, "pull_request", "number") ?? Number(root, "number") : null;

        // pull_request_target runs in the base branch's context (GITHUB_REF names it), whatever it checks out: what is
        // built is the pull request, and is named as one.
        var gitRef = !onGitHub ? LocalRef()
            : pullRequest is { } number && gitEvent == "pull_request_target"
                ? GitRef.PullRequest(number, environment.GetValueOrDefault("GITHUB_HEAD_REF") ?? Text(root, "pull_request", "head", "ref") ?? "")
                : GitRef.Parse(environment.GetValueOrDefault("GITHUB_REF"), environment.GetValueOrDefault("GITHUB_HEAD_REF")) ?? LocalRef();
        // HEAD, not GITHUB_SHA or the pull request's head: the image's revision and sha- tag name the commit in it.
        var commit = git.CurrentCommit();

        var repository = environment.GetValueOrDefault("GITHUB_REPOSITORY");
        var server = environment.GetValueOrDefault("GITHUB_SERVER_URL") ?? "https://github.com";
        return new SourceContext
        {
            Event = gitEvent,
            Ref = gitRef,
            Commit = commit,
            CommitTime = git.TryQuery("show", "-s", "--format=%cI", commit) is { Length: > 0 } time
                ? DateTimeOffset.Parse(time, CultureInfo.InvariantCulture)
                : null,
            ModifiedTree = git.ModifiedTree(Generated),
            PullRequestHead = pullRequest is null ? null : Text(root, "pull_request", "head", "sha"),
            DefaultBranch = Text(root, "repository", "default_branch") ?? LocalDefaultBranch(),
            RepositoryUrl = onGitHub && !string.IsNullOrEmpty(repository) ? $"{server}/{repository}" : remote?.WebUrl,
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

    private JsonDocument? EventPayload()
    {
        var path = environment.GetValueOrDefault("GITHUB_EVENT_PATH");
        return path is { Length: > 0 } && File.Exists(path) ? JsonDocument.Parse(File.ReadAllBytes(path)) : null;
    }

    private static string? Text(JsonElement? element, params string[] path) =>
        Find(element, path) is { ValueKind: JsonValueKind.String } found ? found.GetString() : null;

    private static int? Number(JsonElement? element, params string[] path) =>
        Find(element, path) is { ValueKind: JsonValueKind.Number } found && found.TryGetInt32(out var number) ? number : null;

    private static JsonElement? Find(JsonElement? element, string[] path)
    {
        if (element is not { } current)
            return null;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }

        return current;
    }
}
