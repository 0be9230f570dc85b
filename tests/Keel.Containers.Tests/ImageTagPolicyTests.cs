using Keel.Containers;

namespace Keel.Containers.Tests;

/// <summary>The tag and label policy, one named row per case.</summary>
public class ImageTagPolicyTests
{
    private const string Commit = "ABC1234def5678abc1234def5678abc1234def56";

    private static ImageRequest Request(string semVer, GitRef gitRef, string owner = "acme", string? defaultBranch = "main", string[]? extra = null,
        string? releaseTag = null, string? modifiedTree = null, string? gitEvent = null, bool pullRequestImages = false)
    {
        var core = semVer.Split('-', 2)[0].Split('+')[0].Split('.').Select(int.Parse).ToArray();
        var preRelease = semVer.Contains('-') ? semVer.Split('-', 2)[1] : "";
        return new ImageRequest
        {
            Registry = "ghcr.io",
            Owner = owner,
            Name = "store",
            Version = new ImageVersion(semVer, core[0], core[1], core[2], preRelease, releaseTag),
            Source = new SourceContext
            {
                Event = gitEvent,
                Ref = gitRef,
                Commit = Commit,
                CommitTime = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1)),
                ModifiedTree = modifiedTree,
                DefaultBranch = defaultBranch,
                RepositoryUrl = "https://github.com/Acme/store",
            },
            ExtraTags = extra ?? [],
            PullRequestImages = pullRequestImages,
        };
    }

    private static string Hashed(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..8];

    public static TheoryData<string, ImageRequest, string> Tags => new()
    {
        { "a release tag gets the version, its aliases and latest", Request("1.2.3", GitRef.Tag("v1.2.3"), releaseTag: "v1.2.3"), "1.2.3 sha-abc1234 | 1.2 1 latest" },
        { "a released commit built from main gets the release tags and main", Request("1.2.3", GitRef.Branch("main"), releaseTag: "v1.2.3"), "1.2.3 sha-abc1234 | 1.2 1 main latest" },
        { "a stable version GitVersion computed on main is no release: latest stays", Request("1.2.3", GitRef.Branch("main")), "1.2.3 sha-abc1234 | main" },
        { "0.x releases get no bare major", Request("0.4.1", GitRef.Tag("v0.4.1"), releaseTag: "v0.4.1"), "0.4.1 sha-abc1234 | 0.4 latest" },
        { "a pre-release tag gets only its full version", Request("1.3.0-beta.1", GitRef.Tag("v1.3.0-beta.1"), releaseTag: "v1.3.0-beta.1"), "1.3.0-beta.1 sha-abc1234 |" },
        { "a pre-release on the default branch never gets latest", Request("1.2.4-1", GitRef.Branch("main")), "1.2.4-1 sha-abc1234 | main" },
        { "a branch whose name is a valid tag keeps it", Request("1.2.4-develop.1", GitRef.Branch("develop")), "1.2.4-develop.1 sha-abc1234 | develop" },
        { "a branch whose name had to change gets a short hash of it", Request("1.2.4-Add-Cart.1", GitRef.Branch("feature/Add-Cart")), $"1.2.4-Add-Cart.1 sha-abc1234 | feature-Add-Cart-{Hashed("feature/Add-Cart")}" },
        { "feature-Add-Cart, already valid, cannot take feature/Add-Cart's tag", Request("1.2.4-Add-Cart.1", GitRef.Branch("feature-Add-Cart")), "1.2.4-Add-Cart.1 sha-abc1234 | feature-Add-Cart" },
        { "a branch named latest never takes latest", Request("1.2.4-latest.1", GitRef.Branch("latest")), $"1.2.4-latest.1 sha-abc1234 | latest-{Hashed("latest")}" },
        { "a branch named like a version never takes a version's tag", Request("1.2.4-1", GitRef.Branch("1.2")), $"1.2.4-1 sha-abc1234 | 1.2-{Hashed("1.2")}" },
        { "a branch named like a commit tag never takes one", Request("1.2.4-1", GitRef.Branch("sha-abc1234")), $"1.2.4-1 sha-abc1234 | sha-abc1234-{Hashed("sha-abc1234")}" },
        { "a pull request gets pr-N and its commit, no version", Request("1.2.4-PullRequest42.3", GitRef.PullRequest(42, "fix/typo")), "sha-abc1234 | pr-42" },
        { "a pull request of a released commit moves no release tag", Request("1.2.3", GitRef.PullRequest(42, "fix/typo"), releaseTag: "v1.2.3"), "sha-abc1234 | pr-42" },
        { "a stable version off the default branch gets no floating release tags", Request("1.2.3", GitRef.Branch("hotfix/login")), $"1.2.3 sha-abc1234 | hotfix-login-{Hashed("hotfix/login")}" },
        { "uncommitted changes take none of the commit's tags", Request("1.2.3", GitRef.Branch("main"), releaseTag: "v1.2.3", modifiedTree: "DEF5678aaaabbbbccccddddeeeeffff0000111122"), "sha-abc1234-dirty-def5678 | main" },
        { "a version that is no valid tag gets a short hash", Request("1.2.4-1+5", GitRef.Branch("dev")), $"1.2.4-1-5-{Hashed("1.2.4-1+5")} sha-abc1234 | dev" },
        { "a branch name cannot start with '.' or '-'", Request("1.2.4-x.1", GitRef.Branch("-.weird")), $"1.2.4-x.1 sha-abc1234 | weird-{Hashed("-.weird")}" },
        { "extra tags are floating and deduplicated", Request("1.2.3", GitRef.Tag("v1.2.3"), extra: ["stable", "1.2"], releaseTag: "v1.2.3"), "1.2.3 sha-abc1234 | 1.2 1 stable latest" },
        { "a pull request takes no extra tags", Request("1.2.4-PullRequest42.3", GitRef.PullRequest(42, "fix/typo"), extra: ["stable"]), "sha-abc1234 | pr-42" },
    };

    /// <summary>README, "Tags", the event table: one row each, in its order. "refused" marks a plan that is not pushed without the opt-in.</summary>
    public static TheoryData<string, ImageRequest, string> Events => new()
    {
        { "push of a release tag", Request("1.2.0", GitRef.Tag("v1.2.0"), releaseTag: "v1.2.0", gitEvent: "push"), "1.2.0 sha-abc1234 | 1.2 1 latest" },
        { "push of a pre-release tag", Request("1.3.0-rc.1", GitRef.Tag("v1.3.0-rc.1"), releaseTag: "v1.3.0-rc.1", gitEvent: "push"), "1.3.0-rc.1 sha-abc1234 |" },
        { "push of a branch", Request("1.2.1-3", GitRef.Branch("main"), gitEvent: "push"), "1.2.1-3 sha-abc1234 | main" },
        { "push of a branch on a release's commit", Request("1.0.0", GitRef.Branch("dev"), releaseTag: "v1.0.0", gitEvent: "push"), "1.0.0 sha-abc1234 | dev" },
        { "workflow_dispatch on a branch", Request("1.5.0-beta.4", GitRef.Branch("main"), gitEvent: "workflow_dispatch"), "1.5.0-beta.4 sha-abc1234 | main" },
        { "workflow_dispatch on a release tag", Request("1.2.0", GitRef.Tag("v1.2.0"), releaseTag: "v1.2.0", gitEvent: "workflow_dispatch"), "1.2.0 sha-abc1234 | 1.2 1 latest" },
        { "schedule", Request("1.2.0", GitRef.Branch("main"), releaseTag: "v1.2.0", gitEvent: "schedule"), "1.2.0 sha-abc1234 | main" },
        { "release", Request("1.2.0", GitRef.Tag("v1.2.0"), releaseTag: "v1.2.0", gitEvent: "release"), "1.2.0 sha-abc1234 | 1.2 1 latest" },
        { "pull_request", Request("1.2.1-PullRequest7.2", GitRef.PullRequest(7, "fix/typo"), gitEvent: "pull_request"), "refused: sha-abc1234 | pr-7" },
        { "pull_request, opted in", Request("1.2.1-PullRequest7.2", GitRef.PullRequest(7, "fix/typo"), gitEvent: "pull_request", pullRequestImages: true), "sha-abc1234 | pr-7" },
        { "pull_request_target", Request("1.2.0", GitRef.PullRequest(7, "fix/typo"), releaseTag: "v1.2.0", gitEvent: "pull_request_target"), "refused: sha-abc1234 | pr-7" },
        { "pull_request_target, opted in", Request("1.2.0", GitRef.PullRequest(7, "fix/typo"), releaseTag: "v1.2.0", gitEvent: "pull_request_target", pullRequestImages: true), "sha-abc1234 | pr-7" },
        // Without a payload, pull_request_target's GITHUB_REF names the base branch: still no branch tag.
        { "pull_request_target with only the base branch known", Request("1.2.0", GitRef.Branch("main"), releaseTag: "v1.2.0", gitEvent: "pull_request_target", pullRequestImages: true), "sha-abc1234 |" },
        { "merge_group", Request("1.2.1-1", GitRef.Branch("gh-readonly-queue/main/pr-7-0123456789abcdef"), gitEvent: "merge_group"), "refused: sha-abc1234 |" },
        { "merge_group, opted in", Request("1.2.1-1", GitRef.Branch("gh-readonly-queue/main/pr-7-0123456789abcdef"), gitEvent: "merge_group", pullRequestImages: true), "sha-abc1234 |" },
        { "any other event: as a push of its ref", Request("1.2.0", GitRef.Branch("main"), releaseTag: "v1.2.0", gitEvent: "repository_dispatch"), "1.2.0 sha-abc1234 | main" },
        { "local, a branch", Request("1.2.1-3", GitRef.Branch("main")), "1.2.1-3 sha-abc1234 | main" },
        { "local, HEAD tagged", Request("1.2.0", GitRef.Branch("main"), releaseTag: "v1.2.0"), "1.2.0 sha-abc1234 | 1.2 1 main latest" },
        { "local, uncommitted changes", Request("1.2.0", GitRef.Branch("main"), releaseTag: "v1.2.0", modifiedTree: "def5678"), "sha-abc1234-dirty-def5678 | main" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void EachEventPublishesWhatTheTableSays(string row, ImageRequest request, string expected)
    {
        var plan = ImageTagPolicy.Plan(request);

        var rendered = $"{(plan.PushRefusal is null ? "" : "refused: ")}{string.Join(' ', plan.Tags.Where(t => !t.Floating))} | {string.Join(' ', plan.Tags.Where(t => t.Floating))}".Trim();
        Assert.True(expected == rendered, $"{row}: got '{rendered}'");
        // Only the release aliases move only forward.
        Assert.All(plan.Tags, t => Assert.Equal(t.Name is "latest" || char.IsAsciiDigit(t.Name[0]) && t.Floating, t.ForwardOnly));
    }

    [Theory]
    [InlineData("pull_request", "A pull_request run builds pull request #7's merge commit, which no branch holds yet: its image is pushed only when the build opts into pull-request images, and then only as sha-abc1234 and pr-7, never under a branch, a version or latest; pass --pull-request-images. Nothing was pushed.")]
    [InlineData("pull_request_target", "A pull_request_target run builds pull request #7's code in the base branch's context: its image is pushed only when the build opts into pull-request images, and then only as sha-abc1234 and pr-7, never under a branch, a version or latest; pass --pull-request-images. Nothing was pushed.")]
    public void APullRequestsPushIsRefusedInOneLineThatSaysHowToOptIn(string gitEvent, string message)
    {
        var request = Request("1.2.1-PullRequest7.2", GitRef.PullRequest(7, "fix/typo"), gitEvent: gitEvent) with { PullRequestImagesHint = "pass --pull-request-images" };

        Assert.Equal(message, ImageTagPolicy.Plan(request).PushRefusal);
    }

    [Fact]
    public void APullRequestsImageNamesTheCommitBuiltAndRecordsItsHead()
    {
        var request = Request("1.2.1-PullRequest7.2", GitRef.PullRequest(7, "fix/typo"), gitEvent: "pull_request");
        request = request with { Source = request.Source with { PullRequestHead = "5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee" } };

        var plan = ImageTagPolicy.Plan(request);

        Assert.Equal(Commit, plan.Revision);
        Assert.Equal("5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", plan.Labels[ImageLabels.PullRequestHead]);
        Assert.Contains(plan.Tags, t => t.Name == "sha-abc1234");
    }

    [Theory]
    [MemberData(nameof(Tags))]
    public void TagsFollowThePolicy(string behaviour, ImageRequest request, string expected)
    {
        var plan = ImageTagPolicy.Plan(request);

        var rendered = $"{string.Join(' ', plan.Tags.Where(t => !t.Floating))} | {string.Join(' ', plan.Tags.Where(t => t.Floating))}".Trim();
        Assert.True(expected == rendered, $"{behaviour}: got '{rendered}'");
        Assert.Equal(plan.Tags.Where(t => !t.Floating).Concat(plan.Tags.Where(t => t.Floating)), plan.Tags);
        Assert.All(plan.Tags, t => Assert.True(ImageNames.IsValidTag(t.Name), $"{behaviour}: '{t}' is no valid tag"));
    }

    [Fact]
    public void LongBranchNamesThatShareTheirFirst128CharactersGetTagsOfTheirOwn()
    {
        var first = ImageTagPolicy.Plan(Request("1.0.1-x.1", GitRef.Branch("feature/" + new string('a', 200) + "-one")));
        var second = ImageTagPolicy.Plan(Request("1.0.1-x.1", GitRef.Branch("feature/" + new string('a', 200) + "-two")));

        var tags = new[] { first, second }.Select(plan => plan.Tags.Single(t => t.Floating).Name).ToList();
        Assert.All(tags, tag => Assert.True(tag.Length <= 128 && ImageNames.IsValidTag(tag), tag));
        Assert.NotEqual(tags[0], tags[1]);
        Assert.All(tags, tag => Assert.StartsWith("feature-aaaa", tag));
    }

    [Fact]
    public void LongVersionsThatShareTheirFirst128CharactersGetTagsOfTheirOwn()
    {
        var label = new string('b', 150);
        var first = ImageTagPolicy.Plan(Request($"1.0.1-{label}.1", GitRef.Branch("main")));
        var second = ImageTagPolicy.Plan(Request($"1.0.1-{label}.2", GitRef.Branch("main")));

        Assert.NotEqual(first.Tags[0].Name, second.Tags[0].Name);
        Assert.All(new[] { first.Tags[0].Name, second.Tags[0].Name }, tag => Assert.True(tag.Length <= 128 && ImageNames.IsValidTag(tag), tag));
    }

    [Fact]
    public void TheRepositoryIsLowercasedAndReferencesListImmutableTagsFirst()
    {
        var plan = ImageTagPolicy.Plan(Request("1.2.3", GitRef.Tag("v1.2.3"), owner: "Acme-Corp", releaseTag: "v1.2.3"));

        Assert.Equal("ghcr.io/acme-corp/store", plan.Repository);
        Assert.Equal("acme-corp/store", plan.Path);
        Assert.Equal("ghcr.io", plan.Registry);
        Assert.Equal("ghcr.io/acme-corp/store:1.2.3", plan.References[0]);
        Assert.Equal("ghcr.io/acme-corp/store:latest", plan.References[^1]);
    }

    [Fact]
    public void LabelsNameSourceRevisionVersionAndTheCommitTime()
    {
        var request = Request("1.2.3", GitRef.Tag("v1.2.3")) with
        {
            Description = "The store",
            Licenses = "MIT",
            ExtraLabels = new Dictionary<string, string> { ["com.example.team"] = "shop" },
        };

        var labels = ImageTagPolicy.Plan(request).Labels;

        Assert.Equal(new SortedDictionary<string, string>
        {
            ["com.example.team"] = "shop",
            ["org.opencontainers.image.created"] = "2026-11-20T08:30:00Z",
            ["org.opencontainers.image.description"] = "The store",
            ["org.opencontainers.image.licenses"] = "MIT",
            ["org.opencontainers.image.revision"] = Commit,
            ["org.opencontainers.image.source"] = "https://github.com/Acme/store",
            ["org.opencontainers.image.title"] = "store",
            ["org.opencontainers.image.url"] = "https://github.com/Acme/store",
            ["org.opencontainers.image.version"] = "1.2.3",
        }, labels);
    }

    [Fact]
    public void AnImageOfUncommittedChangesSaysWhichTreeItWasBuiltFrom()
    {
        var labels = ImageTagPolicy.Plan(Request("1.2.4-1", GitRef.Branch("main"), modifiedTree: "def5678")).Labels;

        Assert.Equal("def5678", labels[ImageLabels.ModifiedTree]);
        Assert.Equal(Commit, labels[ImageLabels.Revision]);
    }

    [Fact]
    public void TheSameCommitGivesTheSameLabels()
    {
        Assert.Equal(
            ImageTagPolicy.Plan(Request("1.2.3", GitRef.Tag("v1.2.3"))).Labels,
            ImageTagPolicy.Plan(Request("1.2.3", GitRef.Tag("v1.2.3"))).Labels);
    }

    [Theory]
    [InlineData("valid stays", "1.2.3-beta.1", "1.2.3-beta.1")]
    [InlineData("slashes and spaces become one dash", "feature/new  cart", "feature-new-cart")]
    [InlineData("plus becomes a dash", "1.0.0+build.5", "1.0.0-build.5")]
    [InlineData("leading dots and dashes go", "..-x", "x")]
    [InlineData("non-ASCII letters are replaced", "fix-ümlaut", "fix-mlaut")]
    [InlineData("nothing left", "///", null)]
    public void TagsAreSanitizedInOnePlace(string behaviour, string text, string? expected) =>
        Assert.True(expected == ImageNames.Tag(text), $"{behaviour}: got '{ImageNames.Tag(text)}'");

    [Theory]
    [InlineData("Acme", "store", "ghcr.io/acme/store")]
    [InlineData("acme", "shop/web", "ghcr.io/acme/shop/web")]
    public void RepositoriesAreLowercased(string owner, string name, string expected) =>
        Assert.Equal(expected, ImageNames.Repository("GHCR.io", owner, name));

    [Theory]
    [InlineData("a host", "ghcr.io", "ghcr.io")]
    [InlineData("capitals are lowercased", "GHCR.io", "ghcr.io")]
    [InlineData("a host and port", "localhost:5000", "localhost:5000")]
    [InlineData("an IPv4 address and port", "127.0.0.1:36765", "127.0.0.1:36765")]
    [InlineData("a bracketed IPv6 address", "[::1]:5000", "[::1]:5000")]
    [InlineData("a path", "127.0.0.1:5700/some/path", null)]
    [InlineData("a scheme", "https://ghcr.io", null)]
    [InlineData("a space", "bad host", null)]
    [InlineData("port 0", "ghcr.io:0", null)]
    [InlineData("a port over 65535", "ghcr.io:65536", null)]
    [InlineData("no host", ":5000", null)]
    [InlineData("a user", "me@ghcr.io", null)]
    [InlineData("a trailing slash", "ghcr.io/", null)]
    public void RegistriesAreHostAndPortAndNothingElse(string behaviour, string registry, string? expected)
    {
        if (expected is null)
        {
            Assert.StartsWith($"Parameter --target-registry '{registry}' is not a registry host", Assert.Throws<ParameterException>(() => ImageNames.Host(registry, "TargetRegistry")).Message);
            Assert.StartsWith($"The image's registry '{registry}' is not a registry host", Assert.Throws<BuildException>(() => ImageNames.Host(registry)).Message);
        }
        else
            Assert.True(expected == ImageNames.Host(registry), behaviour);
    }

    private static readonly ImageNameParameters Parameters = new("Registry", "Organization", "AppName");

    [Fact]
    public void ImageNamesLongerThanDockerTakesFailNamingTheParameters() =>
        Assert.Equal("Parameter --app-name makes the image name 268 characters long (ghcr.io/acme/aaaaaaaaaaaaaaaaaaaaaaaaaaa...), and a name may have 255 at most; shorten the name or the owner.",
            Assert.Throws<ParameterException>(() => ImageNames.Repository("ghcr.io", "acme", new string('a', 255), Parameters)).Message);

    [Theory]
    [InlineData("acme", "my store", "Parameter --app-name 'my store' is not a valid image repository name")]
    [InlineData("ac!me", "store", "Parameter --organization 'ac!me' is not a valid image repository name")]
    public void InvalidRepositoryNamesFailNamingTheBuildsParameter(string owner, string name, string message) =>
        Assert.StartsWith(message, Assert.Throws<ParameterException>(() => ImageNames.Repository("ghcr.io", owner, name, Parameters)).Message);

    [Fact]
    public void WithoutParametersAnInvalidNameIsTheImagesOwn() =>
        Assert.StartsWith("The image's owner 'ac!me' is not a valid image repository name",
            Assert.Throws<BuildException>(() => ImageNames.Repository("ghcr.io", "ac!me", "store")).Message);
}
