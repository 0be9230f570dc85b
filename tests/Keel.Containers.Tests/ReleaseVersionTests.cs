using Keel.Containers;
using Keel.Tests.Support;

namespace Keel.Containers.Tests;

/// <summary>
/// A commit tagged with a semantic version is that version, whatever the checkout looks like; everything else is
/// GitVersion's answer. Every row is a real repository (several branches, tags) and a real checkout of it, versioned by
/// the real GitVersion, and asserts the version and the image tags it leads to.
/// </summary>
public class ReleaseVersionTests
{
    private sealed class Released : KeelBuild
    {
        [GitVersion]
        readonly GitVersion GitVersion = null!;

        [ContainerImages]
        readonly ContainerImages Containers = null!;

        public string? Version { get; private set; }
        public string? Tags { get; private set; }
        public string? Commit { get; private set; }

        Target Show => _ => _.Executes(() =>
        {
            Version = GitVersion.SemVer;
            Commit = Containers.Source.Commit;
            var plan = ImageTagPolicy.Plan(new ImageRequest
            {
                Registry = "ghcr.io",
                Owner = "acme",
                Name = "store",
                Version = ImageVersion.From(GitVersion),
                Source = Containers.Source,
            });
            Tags = (plan.PushRefusal is null ? "" : "refused: ") + string.Join(' ', plan.Tags).Replace($"sha-{Containers.Source.Commit[..7]}", "sha-HEAD", StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// main: first, release (v1.2.3 when <paramref name="tag"/> says so), plus branches that hold the release commit
    /// (a Dependabot branch, a feature branch), as nearly every real repository has them.
    /// </summary>
    private static (TempDirectory Root, GitRepository Repository) Origin(string tag = "v1.2.3")
    {
        var root = new TempDirectory();
        root.Write("GitVersion.yml", "workflow: GitHubFlow/v1\n");
        root.Write(".gitignore", ".nuke/temp/\n");
        var repository = GitRepository.Init(root).Commit("first").Tag("v1.2.2").Commit("work").Commit("release").Tag(tag);
        repository.Git("branch", "dependabot/nuget/serilog-4.4.0");
        repository.Git("branch", "feature/cart");
        return (root, repository);
    }

    public sealed record Shape(string Name, Func<(TempDirectory Root, GitRepository Repository), (TempDirectory Checkout, Dictionary<string, string> Environment)> Make)
    {
        public override string ToString() => Name;
    }

    private static (TempDirectory, Dictionary<string, string>) OnGitHub(TempDirectory origin, string reference)
    {
        var checkout = GitHubCheckout.Of(origin.Path, reference);
        return (checkout, GitHubCheckout.Variables(reference, new GitRepository(checkout).Git("rev-parse", "HEAD")));
    }

    private static (TempDirectory, Dictionary<string, string>) Locally(TempDirectory origin, params string[] checkout)
    {
        var clone = new TempDirectory(nuke: false);
        new GitRepository(clone).Git("clone", "-q", origin.Path, ".");
        if (checkout.Length > 0)
            new GitRepository(clone).Git(["checkout", "-q", .. checkout]);
        Directory.CreateDirectory(clone.File(".nuke"));
        return (clone, new Dictionary<string, string>());
    }

    public static TheoryData<Shape, string, string> Shapes => new()
    {
        {
            new("tag push, checked out by actions/checkout, other branches hold the commit", o => OnGitHub(o.Root, "refs/tags/v1.2.3")),
            "1.2.3", "1.2.3 sha-HEAD 1.2 1 latest"
        },
        {
            new("tag push, main already ahead of the tag", o =>
            {
                o.Repository.Commit("after the release");
                return OnGitHub(o.Root, "refs/tags/v1.2.3");
            }),
            "1.2.3", "1.2.3 sha-HEAD 1.2 1 latest"
        },
        {
            // The tag's own push moves the release tags; a branch push of the same commit is no reason to.
            new("push to main of the tagged commit", o => OnGitHub(o.Root, "refs/heads/main")),
            "1.2.3", "1.2.3 sha-HEAD main"
        },
        {
            new("push of a branch made at an old release while main is ahead", o =>
            {
                o.Repository.Git("branch", "dev", "v1.2.2");
                return OnGitHub(o.Root, "refs/heads/dev");
            }),
            "1.2.2", "1.2.2 sha-HEAD dev"
        },
        {
            // actions/checkout of refs/pull/7/merge: the merge commit is what is built, and what the image names.
            new("pull request, its merge commit checked out", o =>
            {
                var main = o.Repository.Git("rev-parse", "HEAD");
                o.Repository.Git("switch", "-q", "-c", "fix/typo");
                o.Repository.Commit("fix");
                o.Repository.Git("update-ref", "refs/pull/7/head", "HEAD");
                o.Repository.Git("switch", "-q", "--detach", main);
                o.Repository.Git("merge", "-q", "--no-ff", "-m", "Merge fix/typo into main", "fix/typo");
                o.Repository.Git("update-ref", "refs/pull/7/merge", "HEAD");
                o.Repository.Git("switch", "-q", "main");
                return OnGitHub(o.Root, "refs/pull/7/merge");
            }),
            "1.2.4-PullRequest7.2", "refused: sha-HEAD pr-7"
        },
        {
            new("push to main one commit after the release", o =>
            {
                o.Repository.Commit("after the release");
                return OnGitHub(o.Root, "refs/heads/main");
            }),
            "1.2.4-1", "1.2.4-1 sha-HEAD main"
        },
        {
            new("pre-release tag on main, pushed from a main checkout", o =>
            {
                o.Repository.Commit("candidate").Tag("v7.3.0-rc.2");
                return OnGitHub(o.Root, "refs/heads/main");
            }),
            "7.3.0-rc.2", "7.3.0-rc.2 sha-HEAD main"
        },
        {
            new("pre-release tag push", o =>
            {
                o.Repository.Commit("candidate").Tag("v7.3.0-rc.2").Commit("after it");
                return OnGitHub(o.Root, "refs/tags/v7.3.0-rc.2");
            }),
            "7.3.0-rc.2", "7.3.0-rc.2 sha-HEAD"
        },
        {
            new("tag without the v prefix", o =>
            {
                o.Repository.Commit("next").Tag("2.0.0");
                return OnGitHub(o.Root, "refs/tags/2.0.0");
            }),
            "2.0.0", "2.0.0 sha-HEAD 2.0 2 latest"
        },
        {
            new("several version tags on one commit: the highest precedence wins", o =>
            {
                o.Repository.Tag("v1.2.4-rc.1").Tag("v1.3.0-beta.2").Tag("v1.2.5");
                return OnGitHub(o.Root, "refs/tags/v1.2.3");
            }),
            "1.3.0-beta.2", "1.3.0-beta.2 sha-HEAD"
        },
        {
            new("tags that are no semantic versions are no versions", o =>
            {
                o.Repository.Commit("later").Tag("release-5").Tag("v1.3");
                return Locally(o.Root);
            }),
            "1.2.4-1", "1.2.4-1 sha-HEAD main"
        },
        {
            new("local clone on main at the tag", o => Locally(o.Root)),
            "1.2.3", "1.2.3 sha-HEAD 1.2 1 main latest"
        },
        {
            new("local detached checkout of the tag, main ahead", o =>
            {
                o.Repository.Commit("after the release");
                return Locally(o.Root, "--detach", "v1.2.3");
            }),
            "1.2.3", "1.2.3 sha-HEAD 1.2 1 latest"
        },
        {
            new("local feature branch off the release", o =>
            {
                o.Repository.Git("switch", "-q", "feature/cart");
                o.Repository.Commit("cart");
                return Locally(o.Root, "feature/cart");
            }),
            "1.2.4-cart.1", $"1.2.4-cart.1 sha-HEAD feature-cart-{Hashed("feature/cart")}"
        },
    };

    private static string Hashed(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..8];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EachCheckoutShapeGetsItsVersionAndTags(Shape shape, string version, string tags)
    {
        var origin = Origin();
        using var _ = origin.Root;
        var (checkout, environment) = shape.Make(origin);
        using var __ = checkout;

        var outcome = TestBuild.Run<Released>(["Show"], environment: environment, root: checkout);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var build = (Released)outcome.Session!.Build;
        Assert.Equal((version, tags), (build.Version, build.Tags));
        Assert.Equal(new GitRepository(checkout).Git("rev-parse", "HEAD"), build.Commit);
    }

    [Fact]
    public void ATagAddedAfterABuildIsSeenByTheNextBuild()
    {
        var (root, repository) = Origin();
        using var _ = root;
        repository.Commit("not yet released");

        var before = TestBuild.Run<Released>(["Show"], root: root);
        repository.Tag("v1.3.0");
        var after = TestBuild.Run<Released>(["Show"], root: root);

        Assert.Equal("1.2.4-1", ((Released)before.Session!.Build).Version);
        Assert.Equal("1.3.0", ((Released)after.Session!.Build).Version);
        Assert.Equal("1.3.0 sha-HEAD 1.3 1 main latest", ((Released)after.Session!.Build).Tags);
    }

    [Fact]
    public void UncommittedChangesTakeNoneOfTheCommitsTags()
    {
        var (root, _) = Origin();
        using var __ = root;
        root.Write("src/Changed.cs", "// not committed\n");

        var outcome = TestBuild.Run<Released>(["Show"], root: root);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var tags = ((Released)outcome.Session!.Build).Tags!.Split(' ');
        Assert.Equal(2, tags.Length);
        Assert.Matches("^sha-HEAD-dirty-[0-9a-f]{7}$", tags[0]);
        Assert.Equal("main", tags[1]);
    }
}
