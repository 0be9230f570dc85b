using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// One job of a GitHub Actions run, replayed here: the variables a GitHub-hosted runner sets, the event's payload file,
/// and the runner's output and summary files, for a checkout made as actions/checkout makes it. The repository is
/// Acme-Corp/store; the registry credentials stand in for the workflow's secrets.
/// </summary>
public sealed class GitHubRun : IDisposable
{
    private const string Repository = "Acme-Corp/store";

    private GitHubRun(string eventName, string reference, string sha, object payload, IReadOnlyDictionary<string, string> extra)
    {
        Folder = Directory.CreateTempSubdirectory("keel-e2e-runner-").FullName;
        var eventFile = Path.Combine(Folder, "event.json");
        File.WriteAllText(eventFile, JsonSerializer.Serialize(payload));
        var name = reference.Split('/', 3) is [_, _, var rest] ? rest : reference;
        Variables = new Dictionary<string, string>(extra)
        {
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            ["GITHUB_EVENT_NAME"] = eventName,
            ["GITHUB_EVENT_PATH"] = eventFile,
            ["GITHUB_REF"] = reference,
            ["GITHUB_REF_NAME"] = name,
            ["GITHUB_REF_TYPE"] = reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag" : "branch",
            ["GITHUB_SHA"] = sha,
            ["GITHUB_REPOSITORY"] = Repository,
            ["GITHUB_REPOSITORY_OWNER"] = "Acme-Corp",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_ACTOR"] = SecureRegistry.Username,
            ["GITHUB_OUTPUT"] = Path.Combine(Folder, "output"),
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(Folder, "summary.md"),
            ["GITHUB_ENV"] = Path.Combine(Folder, "env"),
            ["RUNNER_TEMP"] = Folder,
            ["REGISTRY_PASSWORD"] = SecureRegistry.Password,
        };
    }

    /// <summary>The runner's folder: the event file, $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY.</summary>
    public string Folder { get; }

    public Dictionary<string, string> Variables { get; }

    /// <summary>What the job wrote to $GITHUB_STEP_SUMMARY.</summary>
    public string Summary => File.Exists(Variables["GITHUB_STEP_SUMMARY"]) ? File.ReadAllText(Variables["GITHUB_STEP_SUMMARY"]) : "";

    private static object RepositoryPayload => new { full_name = Repository, default_branch = "main", owner = new { login = "Acme-Corp" } };

    /// <summary>A push of a branch or tag: GITHUB_SHA is the pushed commit, HEAD of the checkout.</summary>
    public static GitHubRun Push(string reference, ThrowawayRepository checkout) => Push(reference, checkout.HeadCommit);

    /// <summary>A push of a branch or tag whose tip is <paramref name="sha"/>.</summary>
    public static GitHubRun Push(string reference, string sha) =>
        new("push", reference, sha, new { @ref = reference, after = sha, repository = RepositoryPayload }, new Dictionary<string, string>());

    /// <summary>
    /// A pull request's run: pull_request on refs/pull/N/merge at its merge commit, or pull_request_target in the base
    /// branch's context (GITHUB_REF and GITHUB_SHA name the base branch and its tip).
    /// </summary>
    public static GitHubRun PullRequest(string eventName, int number, string headBranch, string headSha, string baseSha, string mergeSha)
    {
        var target = eventName == "pull_request_target";
        var payload = new
        {
            action = "synchronize",
            number,
            pull_request = new
            {
                number,
                head = new { @ref = headBranch, sha = headSha, repo = new { full_name = "octo-dev/store" } },
                @base = new { @ref = "main", sha = baseSha },
            },
            repository = RepositoryPayload,
        };
        return new(eventName, target ? "refs/heads/main" : $"refs/pull/{number}/merge", target ? baseSha : mergeSha, payload,
            new Dictionary<string, string> { ["GITHUB_HEAD_REF"] = headBranch, ["GITHUB_BASE_REF"] = "main" });
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
