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
    private static SourceContext Read(string fixture)
    {
        using var root = new TempDirectory();
        GitRepository.Init(root).Commit("local");
        var environment = Fixture.Environment(fixture);
        environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "";
        var runner = new ProcessRunner(new LoggerConfiguration().CreateLogger(), environment, new Redactor());
        return new SourceContextReader(new GitTool(runner, new ToolResolver(environment), root.Path), environment).Read();
    }

    public static TheoryData<string, RefKind, string, string> Contexts => new()
    {
        { "push-main", RefKind.Branch, "main", "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
        { "release-tag", RefKind.Tag, "v1.4.0", "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" },
        { "prerelease-tag", RefKind.Tag, "v2.0.0-rc.1", "3333333ccccccccccccccccccccccccccccccccc" },
        { "pull-request", RefKind.PullRequest, "feature/cart", "5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee" },
        { "workflow-dispatch", RefKind.Branch, "release/1.5", "7777777aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void TheContextComesFromTheRunnersVariablesAndPayload(string fixture, RefKind kind, string name, string commit)
    {
        var context = Read(fixture);

        Assert.Equal(kind, context.Ref.Kind);
        Assert.Equal(name, context.Ref.Name);
        Assert.Equal(commit, context.Commit);
        Assert.Equal("main", context.DefaultBranch);
        Assert.Equal("https://github.com/Acme-Corp/store", context.RepositoryUrl);
        Assert.Equal("Acme-Corp", context.Owner);
    }

    [Fact]
    public void APullRequestBuildsItsHeadCommitNotTheMergeCommit()
    {
        var context = Read("pull-request");

        Assert.Equal(17, context.Ref.PullRequestNumber);
        Assert.NotEqual(Fixture.Environment("pull-request")["GITHUB_SHA"], context.Commit);
    }

    public static TheoryData<string, string, string> Tags => new()
    {
        { "push-main", "1.4.1-3", "1.4.1-3 sha-1111111 main" },
        { "release-tag", "1.4.0", "1.4.0 sha-2222222 1.4 1 latest" },
        { "prerelease-tag", "2.0.0-rc.1", "2.0.0-rc.1 sha-3333333" },
        { "pull-request", "1.4.1-PullRequest17.2", "1.4.1-PullRequest17.2 sha-5555555 pr-17" },
        { "workflow-dispatch", "1.5.0-beta.4", "1.5.0-beta.4 sha-7777777 release-1.5-a82993a5" },
    };

    [Theory]
    [MemberData(nameof(Tags))]
    public void EachRecordedRunGetsItsTags(string fixture, string semVer, string expected)
    {
        var core = semVer.Split('-', 2)[0].Split('.').Select(int.Parse).ToArray();
        var source = Read(fixture);
        // A tag push builds the tagged commit, whose version is its tag.
        var releaseTag = source.Ref.Kind == RefKind.Tag ? source.Ref.Name : null;
        var plan = ImageTagPolicy.Plan(new ImageRequest
        {
            Registry = "ghcr.io",
            Owner = source.Owner!,
            Name = "store",
            Version = new ImageVersion(semVer, core[0], core[1], core[2], semVer.Contains('-') ? semVer.Split('-', 2)[1] : "", releaseTag),
            Source = source,
        });

        Assert.Equal("ghcr.io/acme-corp/store", plan.Repository);
        Assert.Equal(expected, string.Join(' ', plan.Tags));
        Assert.Equal("https://github.com/Acme-Corp/store", plan.Labels["org.opencontainers.image.source"]);
    }
}
