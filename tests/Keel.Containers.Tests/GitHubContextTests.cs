using Keel.Containers;
using Keel.Logging;
using Keel.Tests.Support;
using Keel.Tests.GitHubActions;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers.Tests;

/// <summary>Recorded GitHub Actions runs drive the CI context and, through it, the tag policy.</summary>
public class GitHubContextTests
{
    /// <summary>The context a recorded run gives in a checkout of one commit, and that commit (HEAD).</summary>
    private static (SourceContext Context, string Head) Read(string fixture)
    {
        using var root = new TempDirectory();
        var repository = GitRepository.Init(root).Commit("local");
        var environment = Fixture.Environment(fixture);
        environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "";
        var runner = new ProcessRunner(new LoggerConfiguration().CreateLogger(), environment, new Redactor());
        return (new SourceContextReader(new GitTool(runner, new ToolResolver(environment), root.Path), environment).Read(), repository.Git("rev-parse", "HEAD"));
    }

    public static TheoryData<string, string, RefKind, string> Contexts => new()
    {
        { "push-main", "push", RefKind.Branch, "main" },
        { "release-tag", "push", RefKind.Tag, "v1.4.0" },
        { "prerelease-tag", "push", RefKind.Tag, "v2.0.0-rc.1" },
        { "pull-request", "pull_request", RefKind.PullRequest, "feature/cart" },
        // GITHUB_REF names the base branch; what is built is the pull request, as the payload says.
        { "pull-request-target", "pull_request_target", RefKind.PullRequest, "feature/cart" },
        { "merge-group", "merge_group", RefKind.Branch, "gh-readonly-queue/main/pr-17-6666666fffffffffffffffffffffffffffffffff" },
        { "workflow-dispatch", "workflow_dispatch", RefKind.Branch, "release/1.5" },
        { "schedule", "schedule", RefKind.Branch, "main" },
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void TheContextComesFromTheRunnersVariablesAndPayload(string fixture, string gitEvent, RefKind kind, string name)
    {
        var (context, head) = Read(fixture);

        Assert.Equal(gitEvent, context.Event);
        Assert.Equal(kind, context.Ref.Kind);
        Assert.Equal(name, context.Ref.Name);
        // The commit that was built is HEAD, whatever GITHUB_SHA or the payload name.
        Assert.Equal(head, context.Commit);
        Assert.NotEqual(Fixture.Environment(fixture)["GITHUB_SHA"], context.Commit);
        Assert.Equal("main", context.DefaultBranch);
        Assert.Equal("https://github.com/Acme-Corp/store", context.RepositoryUrl);
        Assert.Equal("Acme-Corp", context.Owner);
    }

    [Theory]
    [InlineData("pull-request")]
    [InlineData("pull-request-target")]
    public void APullRequestIsNamedByItsNumberAndItsHeadIsRecordedBesideTheCommitBuilt(string fixture)
    {
        var (context, head) = Read(fixture);

        Assert.Equal(17, context.Ref.PullRequestNumber);
        Assert.Equal("5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", context.PullRequestHead);
        Assert.Equal(head, context.Commit);
    }

    [Fact]
    public void OffGitHubThereIsNoEvent()
    {
        using var root = new TempDirectory();
        GitRepository.Init(root).Commit("local");
        var environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        var runner = new ProcessRunner(new LoggerConfiguration().CreateLogger(), environment, new Redactor());

        var context = new SourceContextReader(new GitTool(runner, new ToolResolver(environment), root.Path), environment).Read();

        Assert.True(context.IsLocal);
        Assert.Null(context.PullRequestHead);
    }

    /// <summary>Each recorded run's tags; HEAD stands for the short commit. "refused" marks a plan not pushed without the opt-in.</summary>
    public static TheoryData<string, string, string> Tags => new()
    {
        { "push-main", "1.4.1-3", "1.4.1-3 sha-HEAD main" },
        { "release-tag", "1.4.0", "1.4.0 sha-HEAD 1.4 1 latest" },
        { "prerelease-tag", "2.0.0-rc.1", "2.0.0-rc.1 sha-HEAD" },
        { "pull-request", "1.4.1-PullRequest17.2", "refused: sha-HEAD pr-17" },
        { "pull-request-target", "1.4.0", "refused: sha-HEAD pr-17" },
        { "merge-group", "1.4.1-1", "refused: sha-HEAD" },
        { "workflow-dispatch", "1.5.0-beta.4", "1.5.0-beta.4 sha-HEAD release-1.5-a82993a5" },
        { "schedule", "1.4.1-3", "1.4.1-3 sha-HEAD main" },
    };

    [Theory]
    [MemberData(nameof(Tags))]
    public void EachRecordedRunGetsItsTags(string fixture, string semVer, string expected)
    {
        var core = semVer.Split('-', 2)[0].Split('.').Select(int.Parse).ToArray();
        var (source, head) = Read(fixture);
        // The tagged commit's version is its tag; the pull_request_target run checked out a released commit.
        var releaseTag = semVer.Contains('-') ? null : $"v{semVer}";
        var plan = ImageTagPolicy.Plan(new ImageRequest
        {
            Registry = "ghcr.io",
            Owner = source.Owner!,
            Name = "store",
            Version = new ImageVersion(semVer, core[0], core[1], core[2], semVer.Contains('-') ? semVer.Split('-', 2)[1] : "", releaseTag),
            Source = source,
        });

        Assert.Equal("ghcr.io/acme-corp/store", plan.Repository);
        Assert.Equal(expected, (plan.PushRefusal is null ? "" : "refused: ") + string.Join(' ', plan.Tags).Replace($"sha-{head[..7]}", "sha-HEAD", StringComparison.Ordinal));
        Assert.Equal("https://github.com/Acme-Corp/store", plan.Labels["org.opencontainers.image.source"]);
        Assert.Equal(head, plan.Revision);
    }
}
