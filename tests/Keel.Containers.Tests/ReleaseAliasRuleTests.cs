using Keel.Containers;

namespace Keel.Containers.Tests;

/// <summary>latest, X and X.Y move only forward: one row per case, from what the tag's image says its version is.</summary>
public class ReleaseAliasRuleTests
{
    private static readonly ImageTag Latest = new("latest", Floating: true, ForwardOnly: true);
    private static readonly ImageTag Major = new("1", Floating: true, ForwardOnly: true);
    private static readonly ImageTag Minor = new("1.2", Floating: true, ForwardOnly: true);

    public static TheoryData<string, ImageTag, string?, string, string?> Moves => new()
    {
        { "a tag that names nothing yet is made", Latest, null, "1.0.5", null },
        { "a later release moves latest", Latest, "1.2.0", "1.2.1", null },
        { "a maintenance release leaves latest on the later line", Latest, "1.2.0", "1.0.5", "latest stays on 1.2.0: 1.0.5 is an older release, and release tags move only forward." },
        { "a maintenance release leaves the major tag on the later line", Major, "1.2.0", "1.0.5", "1 stays on 1.2.0: 1.0.5 is an older release, and release tags move only forward." },
        { "a patch of an older minor line leaves that line's tag to it", Minor, "1.2.3", "1.2.1", "1.2 stays on 1.2.3: 1.2.1 is an older release, and release tags move only forward." },
        { "a patch release moves its minor tag", Minor, "1.2.0", "1.2.1", null },
        { "the same release again moves nothing backwards", Latest, "1.2.0", "1.2.0", null },
        { "a release after its pre-release moves on", Latest, "1.3.0-rc.1", "1.3.0", null },
        { "numbers compare as numbers", Latest, "1.9.0", "1.10.0", null },
        { "a version label with a v is read", Latest, "v2.0.0", "1.9.9", "latest stays on 2.0.0: 1.9.9 is an older release, and release tags move only forward." },
        { "an image without a semantic version was not made here, and is moved", Latest, "nightly", "1.0.5", null },
        { "a branch tag follows its branch, whatever the version", new ImageTag("main", Floating: true), "1.2.0", "1.0.5", null },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void ReleaseAliasesMoveOnlyForward(string behaviour, ImageTag tag, string? named, string version, string? held) =>
        Assert.True(held == ReleaseAliasRule.Held(tag, named, version), $"{behaviour}: got '{ReleaseAliasRule.Held(tag, named, version)}'");
}
