using Keel.Tests.Support;

namespace Keel.Tests.Versioning;

/// <summary>[GitVersion] with the real GitVersion program and real git repositories.</summary>
public class GitVersionTests
{
    private sealed class Versioned : KeelBuild
    {
        [GitVersion]
        readonly GitVersion GitVersion = null!;

        public string? Seen { get; private set; }

        Target Show => _ => _.Executes(() => Seen = GitVersion.SemVer);

        Target Other => _ => _.Executes(() => Seen = "other ran");
    }

    private interface IHasVersion : IKeelBuild
    {
        [GitVersion]
        GitVersion Versioning => TryGetValue(() => Versioning)!;
    }

    private sealed class VersionedByComponent : KeelBuild, IHasVersion
    {
        public string? Seen { get; private set; }

        Target Show => _ => _.Executes(() => Seen = ((IHasVersion)this).Versioning.SemVer);
    }

    private static (TempDirectory Root, GitRepository Repository) Repository()
    {
        var root = new TempDirectory();
        root.Write("GitVersion.yml", "workflow: GitHubFlow/v1\n");
        root.Write(".gitignore", ".nuke/temp/\n");
        var repository = GitRepository.Init(root).Commit("first");
        return (root, repository);
    }

    [Fact]
    public void TheVersionComesFromGitVersionAndIsCachedPerCommit()
    {
        var (root, repository) = Repository();
        using var _ = root;
        repository.Tag("v1.2.3");

        var first = TestBuild.Run<Versioned>(["Show", "--verbosity", "verbose"], root: root);
        var second = TestBuild.Run<Versioned>(["Show", "--verbosity", "verbose"], root: root);
        repository.Commit("next");
        var third = TestBuild.Run<Versioned>(["Show"], root: root);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal("1.2.3", ((Versioned)first.Session!.Build).Seen);
        Assert.Contains("GitVersion: 1.2.3", first.Output);
        Assert.Equal("1.2.3", ((Versioned)second.Session!.Build).Seen);
        Assert.Contains("GitVersion: cached answer", second.Output);
        Assert.Equal("1.2.4-1", ((Versioned)third.Session!.Build).Seen);
    }

    [Fact]
    public void AComponentsPropertyIsGivenTheVersionToo()
    {
        var (root, repository) = Repository();
        using var _ = root;
        repository.Tag("v2.0.0");

        var outcome = TestBuild.Run<VersionedByComponent>(["Show"], root: root);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal("2.0.0", ((VersionedByComponent)outcome.Session!.Build).Seen);
    }

    [Fact]
    public void TargetsThatDoNotReadTheVersionDoNotRunGitVersion()
    {
        var (root, _) = Repository();
        using var __ = root;

        var outcome = TestBuild.Run<Versioned>(["Other"], root: root);

        Assert.Equal(0, outcome.ExitCode);
        Assert.False(Directory.Exists(root.File(".nuke/temp/gitversion")));
    }

    [Fact]
    public void ABuildWhoseGitVersionIsNotRestoredStopsBeforeItsFirstTargetInOneLine()
    {
        var (root, _) = Repository();
        using var __ = root;
        using var empty = new TempDirectory(nuke: false);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = empty.Path };

        var outcome = TestBuild.Run<Versioned>(["Other", "Show"], environment: environment, root: root);
        var help = TestBuild.Run<Versioned>(["--help"], environment: environment, root: root);
        var plan = TestBuild.Run<Versioned>(["Other", "Show", "--plan"], environment: environment, root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Null(((Versioned)outcome.Session!.Build).Seen);
        Assert.Equal(
            $"ERR GitVersion is not restored in {empty.Path}; restore the build project ('dotnet restore build/_build.csproj'), which brings GitVersion.MsBuild 6.8.2 with the Keel package, and run the build again.",
            Assert.Single(outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.Contains("ERR", StringComparison.Ordinal))[9..]);
        Assert.DoesNotContain("   at ", outcome.Output);
        Assert.Equal(0, help.ExitCode);
        Assert.Equal(0, plan.ExitCode);
    }

    [Fact]
    public void BranchPushesAndPullRequestsOnGitHubActionsAreVersionedByGitVersionsRulesForThem()
    {
        var (origin, repository) = Repository();
        using var _ = origin;
        repository.Commit("release").Tag("v1.2.3").Commit("on main");
        repository.Git("switch", "-q", "-c", "feature/cart");
        repository.Commit("cart");
        repository.Git("switch", "-q", "--detach", "main");
        repository.Git("merge", "-q", "--no-ff", "-m", "Merge feature/cart into main", "feature/cart");
        repository.Git("update-ref", "refs/pull/42/merge", "HEAD");
        repository.Git("switch", "-q", "main");

        using var push = GitHubCheckout.Of(origin.Path, "refs/heads/main");
        var onMain = TestBuild.Run<Versioned>(["Show"], environment: new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_REF"] = "refs/heads/main" }, root: push);
        using var pullRequest = GitHubCheckout.Of(origin.Path, "refs/pull/42/merge");
        var onPullRequest = TestBuild.Run<Versioned>(["Show"], environment: new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_REF"] = "refs/pull/42/merge" }, root: pullRequest);

        Assert.True(onMain.ExitCode == 0, onMain.Output);
        Assert.Equal("1.2.4-1", ((Versioned)onMain.Session!.Build).Seen);
        Assert.True(onPullRequest.ExitCode == 0, onPullRequest.Output);
        Assert.StartsWith("1.2.4-PullRequest42.", ((Versioned)onPullRequest.Session!.Build).Seen);
    }

    private static Dictionary<string, string> TagPush(string tag) => new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_REF"] = $"refs/tags/{tag}" };

    [Fact]
    public void AReleaseTagPushOnGitHubActionsIsVersionedByItsTag()
    {
        var (origin, repository) = Repository();
        using var _ = origin;
        repository.Commit("release").Tag("v1.2.3").Commit("after the release");
        using var workspace = GitHubCheckout.Of(origin.Path, "refs/tags/v1.2.3");

        var outcome = TestBuild.Run<Versioned>(["Show"], environment: TagPush("v1.2.3"), root: workspace);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal("1.2.3", ((Versioned)outcome.Session!.Build).Seen);
        Assert.Equal("HEAD", new GitRepository(workspace).Git("rev-parse", "--abbrev-ref", "HEAD"));
    }

    [Fact]
    public void AnyTagPushOnGitHubActionsGetsTheVersionALocalCheckoutOfTheTagGets()
    {
        var (origin, repository) = Repository();
        using var _ = origin;
        repository.Commit("release candidate").Tag("v2.0.0-rc.1").Commit("after it");
        using var workspace = GitHubCheckout.Of(origin.Path, "refs/tags/v2.0.0-rc.1");
        repository.Git("checkout", "-q", "--detach", "v2.0.0-rc.1");

        var onGitHub = TestBuild.Run<Versioned>(["Show"], environment: TagPush("v2.0.0-rc.1"), root: workspace);
        var local = TestBuild.Run<Versioned>(["Show"], root: origin);

        Assert.True(onGitHub.ExitCode == 0, onGitHub.Output);
        Assert.True(local.ExitCode == 0, local.Output);
        Assert.Equal(((Versioned)local.Session!.Build).Seen, ((Versioned)onGitHub.Session!.Build).Seen);
        Assert.DoesNotContain("tags", ((Versioned)onGitHub.Session!.Build).Seen);
    }

    [Fact]
    public void AShallowCloneFailsWithOneLineNamingTheFix()
    {
        var (origin, repository) = Repository();
        using var _ = origin;
        repository.Commit("second").Tag("v1.0.0");
        using var clone = new TempDirectory(nuke: false);
        new GitRepository(clone).Git("clone", "-q", "--depth", "1", $"file://{origin.Path}", ".");
        Directory.CreateDirectory(clone.File(".nuke"));

        var outcome = TestBuild.Run<Versioned>(["Show"], root: clone);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("ERR Show failed: The repository is a shallow clone, so GitVersion cannot see the history and tags it counts from; fetch all of it with 'git fetch --unshallow', or set 'fetch-depth: 0' on actions/checkout.", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void ADetachedHeadFailsWithOneLineNamingTheFix()
    {
        var (root, repository) = Repository();
        using var _ = root;
        repository.Commit("second");
        repository.Git("checkout", "-q", "--detach", "HEAD~1");

        var outcome = TestBuild.Run<Versioned>(["Show"], root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("HEAD is detached (no branch is checked out), so GitVersion cannot tell which branch's rules apply; check out a branch ('git switch main')", outcome.Output);
    }

    [Fact]
    public void AFolderThatIsNoRepositoryFailsClearly()
    {
        using var root = new TempDirectory();

        var outcome = TestBuild.Run<Versioned>(["Show"], root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("GitVersion needs a git repository", outcome.Output);
    }
}
