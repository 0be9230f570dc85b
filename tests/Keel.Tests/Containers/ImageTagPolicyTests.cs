using Keel.Containers;

namespace Keel.Tests.Containers;

/// <summary>The tag and label policy, one named row per case.</summary>
public class ImageTagPolicyTests
{
    private const string Commit = "ABC1234def5678abc1234def5678abc1234def56";

    private static ImageRequest Request(string semVer, GitRef gitRef, string owner = "acme", string? defaultBranch = "main", string[]? extra = null)
    {
        var core = semVer.Split('-', 2)[0].Split('+')[0].Split('.').Select(int.Parse).ToArray();
        var preRelease = semVer.Contains('-') ? semVer.Split('-', 2)[1] : "";
        return new ImageRequest
        {
            Registry = "ghcr.io",
            Owner = owner,
            Name = "store",
            Version = new ImageVersion(semVer, core[0], core[1], core[2], preRelease),
            Source = new SourceContext
            {
                Ref = gitRef,
                Commit = Commit,
                CommitTime = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1)),
                DefaultBranch = defaultBranch,
                RepositoryUrl = "https://github.com/Acme/store",
            },
            ExtraTags = extra ?? [],
        };
    }

    public static TheoryData<string, ImageRequest, string> Tags => new()
    {
        { "a release tag gets the version, its aliases and latest", Request("1.2.3", GitRef.Tag("v1.2.3")), "1.2.3 sha-abc1234 | 1.2 1 latest" },
        { "a stable version on the default branch is a release too", Request("1.2.3", GitRef.Branch("main")), "1.2.3 sha-abc1234 | 1.2 1 main latest" },
        { "0.x releases get no bare major", Request("0.4.1", GitRef.Tag("v0.4.1")), "0.4.1 sha-abc1234 | 0.4 latest" },
        { "a pre-release tag gets only its full version", Request("1.3.0-beta.1", GitRef.Tag("v1.3.0-beta.1")), "1.3.0-beta.1 sha-abc1234 |" },
        { "a pre-release on the default branch never gets latest", Request("1.2.4-1", GitRef.Branch("main")), "1.2.4-1 sha-abc1234 | main" },
        { "a feature branch gets its sanitized name", Request("1.2.4-Add-Cart.1", GitRef.Branch("feature/Add-Cart")), "1.2.4-Add-Cart.1 sha-abc1234 | feature-Add-Cart" },
        { "a pull request gets pr-N", Request("1.2.4-PullRequest42.3", GitRef.PullRequest(42, "fix/typo")), "1.2.4-PullRequest42.3 sha-abc1234 | pr-42" },
        { "a stable version off the default branch gets no floating release tags", Request("1.2.3", GitRef.Branch("hotfix/login")), "1.2.3 sha-abc1234 | hotfix-login" },
        { "without a known default branch only tags are releases", Request("1.2.3", GitRef.Branch("main"), defaultBranch: null), "1.2.3 sha-abc1234 | main" },
        { "build metadata is not allowed in tags", Request("1.2.4-1+5", GitRef.Branch("dev")), "1.2.4-1-5 sha-abc1234 | dev" },
        { "a branch name cannot start with '.' or '-'", Request("1.2.4-x.1", GitRef.Branch("-.weird")), "1.2.4-x.1 sha-abc1234 | weird" },
        { "extra tags are floating and deduplicated", Request("1.2.3", GitRef.Tag("v1.2.3"), extra: ["stable", "1.2"]), "1.2.3 sha-abc1234 | 1.2 1 stable latest" },
    };

    [Theory]
    [MemberData(nameof(Tags))]
    public void TagsFollowThePolicy(string behaviour, ImageRequest request, string expected)
    {
        var plan = ImageTagPolicy.Plan(request);

        var rendered = $"{string.Join(' ', plan.Tags.Where(t => !t.Floating))} | {string.Join(' ', plan.Tags.Where(t => t.Floating))}".Trim();
        Assert.True(expected == rendered, $"{behaviour}: got '{rendered}'");
        Assert.Equal(plan.Tags.Where(t => !t.Floating).Concat(plan.Tags.Where(t => t.Floating)), plan.Tags);
    }

    [Fact]
    public void ALongBranchNameIsCutTo128Characters()
    {
        var plan = ImageTagPolicy.Plan(Request("1.0.1-x.1", GitRef.Branch("feature/" + new string('a', 200))));

        Assert.All(plan.Tags, t => Assert.True(t.Name.Length <= 128));
        Assert.Contains(plan.Tags, t => t.Name == ("feature-" + new string('a', 200))[..128]);
    }

    [Fact]
    public void TheRepositoryIsLowercasedAndReferencesListImmutableTagsFirst()
    {
        var plan = ImageTagPolicy.Plan(Request("1.2.3", GitRef.Tag("v1.2.3"), owner: "Acme-Corp"));

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
    [InlineData("acme", "my store", "'my store' (from --image-name) is not a valid image repository name")]
    [InlineData("ac!me", "store", "'ac!me' (from --owner) is not a valid image repository name")]
    public void InvalidRepositoryNamesFailNamingTheParameter(string owner, string name, string message) =>
        Assert.StartsWith(message, Assert.Throws<BuildException>(() => ImageNames.Repository("ghcr.io", owner, name)).Message);
}
