using Keel.Git;
using Keel.Tests.Support;

namespace Keel.Tests.Git;

/// <summary>[GitRepository] on real repositories: branches, detached checkouts, tags, remotes, and a run on GitHub Actions.</summary>
public class GitRepositoryTests
{
    private sealed class Inspecting : KeelBuild
    {
        [Keel.Git.GitRepository]
        readonly Keel.Git.GitRepository Repository = null!;

        public string? Seen { get; private set; }

        Target Show => _ => _.Executes(() => Seen = string.Join(" | ",
            Repository.Branch ?? "(none)",
            Repository.Commit?.Length.ToString() ?? "(none)",
            string.Join(",", Repository.Tags),
            Repository.Identifier ?? "(none)",
            $"main {Repository.IsOnMainBranch()}",
            $"release {Repository.IsOnReleaseBranch()}"));
    }

    private static string Show(TempDirectory root, Dictionary<string, string>? environment = null)
    {
        var outcome = TestBuild.Run<Inspecting>(["Show"], root: root, environment: environment);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        return ((Inspecting)outcome.Session!.Build).Seen!;
    }

    [Fact]
    public void OnMainWithATagAndAGitHubRemote()
    {
        using var root = new TempDirectory();
        var git = Support.GitRepository.Init(root).Commit().Tag("v1.0.0");
        git.Git("remote", "add", "origin", "git@github.com:Acme-Corp/shop.git");

        Assert.Equal("main | 40 | v1.0.0 | Acme-Corp/shop | main True | release False", Show(root));
    }

    [Fact]
    public void OnAReleaseBranchWithAnHttpsRemote()
    {
        using var root = new TempDirectory();
        var git = Support.GitRepository.Init(root).Commit();
        git.Git("switch", "-q", "-c", "release/2.0");
        git.Git("remote", "add", "origin", "https://github.com/acme/shop");

        Assert.Equal("release/2.0 | 40 |  | acme/shop | main False | release True", Show(root));
    }

    [Fact]
    public void DetachedWithoutARemote()
    {
        using var root = new TempDirectory();
        var git = Support.GitRepository.Init(root).Commit().Commit();
        git.Git("checkout", "-q", "--detach", "HEAD~1");

        Assert.Equal("(none) | 40 |  | (none) | main False | release False", Show(root));
    }

    [Fact]
    public void APullRequestOnGitHubActionsIsOnItsHeadBranchThoughTheCheckoutIsDetached()
    {
        using var root = new TempDirectory();
        var git = Support.GitRepository.Init(root).Commit();
        git.Git("checkout", "-q", "--detach");

        var seen = Show(root, new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_REF"] = "refs/pull/7/merge", ["GITHUB_HEAD_REF"] = "feature/cart" });

        Assert.StartsWith("feature/cart | ", seen);
    }

    [Fact]
    public void ARepositoryWithNoCommitsHasNoCommit()
    {
        using var root = new TempDirectory();
        Support.GitRepository.Init(root);

        Assert.StartsWith("main | (none) | ", Show(root));
    }
}
