using Keel.Versioning;

namespace Keel.Tests.Versioning;

/// <summary>Which tags are versions, and which version of several wins: Semantic Versioning 2.0.0's rules.</summary>
public class SemanticVersionTests
{
    [Theory]
    [InlineData("a v-prefixed release", "v1.2.3", "1.2.3")]
    [InlineData("a capital V", "V1.2.3", "1.2.3")]
    [InlineData("no prefix", "1.2.3", "1.2.3")]
    [InlineData("a pre-release", "v7.3.0-rc.2", "7.3.0-rc.2")]
    [InlineData("build metadata is kept apart", "v1.2.3+build.5", "1.2.3")]
    [InlineData("two parts are no version", "v1.2", null)]
    [InlineData("a word is no version", "release-5", null)]
    [InlineData("leading zeros are not allowed", "v01.2.3", null)]
    [InlineData("an empty pre-release identifier is not allowed", "v1.2.3-rc..1", null)]
    [InlineData("another prefix is no version", "release-1.2.3", null)]
    public void TagsAreVersionsOnlyWhenTheyAreSemanticVersions(string behaviour, string tag, string? semVer) =>
        Assert.True(semVer == SemanticVersion.FromTag(tag)?.SemVer, $"{behaviour}: got '{SemanticVersion.FromTag(tag)?.SemVer}'");

    [Theory]
    [InlineData("a release outranks its pre-releases", "1.0.0", "1.0.0-rc.1")]
    [InlineData("numeric identifiers compare as numbers", "1.0.0-rc.10", "1.0.0-rc.2")]
    [InlineData("alphanumeric identifiers outrank numeric ones", "1.0.0-alpha.beta", "1.0.0-alpha.1")]
    [InlineData("more identifiers outrank fewer when the rest are equal", "1.0.0-alpha.1", "1.0.0-alpha")]
    [InlineData("identifiers compare in ASCII order", "1.0.0-beta", "1.0.0-alpha.9")]
    [InlineData("minor outranks patch", "1.3.0-beta.2", "1.2.5")]
    public void PrecedenceFollowsSemanticVersioning(string behaviour, string higher, string lower)
    {
        var (high, low) = (SemanticVersion.FromTag(higher)!, SemanticVersion.FromTag(lower)!);
        Assert.True(high.CompareTo(low) > 0 && low.CompareTo(high) < 0, behaviour);
    }

    [Fact]
    public void OfSeveralTagsTheVersionOfHighestPrecedenceIsTheRelease()
    {
        var release = ReleaseTag.Highest(["v1.2.3", "release-5", "v1.3.0-beta.2", "v1.2.4", "v1.3"]);

        Assert.Equal(("v1.3.0-beta.2", "1.3.0-beta.2"), (release!.Name, release.Version.SemVer));
        Assert.Null(ReleaseTag.Highest(["release-5", "latest"]));
    }

    [Fact]
    public void AReleaseTagReplacesGitVersionsVersionVariablesAndKeepsTheCommits()
    {
        const string computed = """{ "Major": 7, "Minor": 3, "Patch": 0, "SemVer": "7.3.0-52", "PreReleaseTag": "52", "Sha": "abc123", "BranchName": "main", "CommitsSinceVersionSource": 52 }""";

        var version = GitVersion.FromJson(ReleaseVersionOverlay.Apply(computed, ReleaseTag.Highest(["v7.3.0-rc.2"])!));

        Assert.Equal(("7.3.0-rc.2", 7, 3, 0), (version.SemVer, version.Major, version.Minor, version.Patch));
        Assert.Equal(("rc.2", "rc", "2"), (version.PreReleaseTag, version.PreReleaseLabel, version["PreReleaseNumber"]));
        Assert.Equal(("7.3.0.0", "7.3.0-rc.2", "0"), (version.AssemblySemVer, version.FullSemVer, version["CommitsSinceVersionSource"]));
        Assert.Equal(("abc123", "main", "v7.3.0-rc.2"), (version.Sha, version.BranchName, version.VersionTag));
        Assert.False(version.IsStable);
    }
}
