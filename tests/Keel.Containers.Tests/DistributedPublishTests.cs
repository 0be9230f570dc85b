using Keel.GitHubActions;

namespace Keel.Containers.Tests;

/// <summary>
/// Publishing spread over runners: [ContainerPlatforms] with runners splits the publishing job into one job a platform
/// and a merge job, and the merge reads what the platforms' jobs handed it (platform=digest) strictly.
/// </summary>
public sealed class DistributedPublishTests
{
    private static ContainerPlatformsAttribute Spread(params string[] runners) =>
        new("publish", "Platforms", "linux/amd64", "linux/arm64") { Runners = runners };

    [Fact]
    public void EachPlatformGetsAJobOnItsRunnerWithEmulationOnlyWhereTheRunnerIsNotItsOwn()
    {
        var split = Spread("linux/arm64=ubuntu-24.04-arm").SplitFor(GitHubActionsImage.UbuntuLatest)!;

        Assert.Equal(("PushPlatformImage", "MergeImage", "platform-digests", "PlatformDigests"), (split.PartTarget, split.MergeTarget, split.PartOutput, split.MergeParameter));
        Assert.Equal(["linux/amd64", "linux/arm64"], split.Parts.Select(p => p.Key));
        // A platform without a named runner runs on the workflow's own; here that is its own processor too.
        Assert.Equal([null, "ubuntu-24.04-arm"], split.Parts.Select(p => p.Runner));
        Assert.All(split.Parts, part => Assert.Empty(part.Steps));
        Assert.Equal(["linux/amd64", "linux/arm64"], split.Parts.Select(p => p.ParameterValues["Platforms"]));
    }

    [Fact]
    public void APlatformOnARunnerOfAnotherProcessorKeepsTheEmulatedPath()
    {
        var split = new ContainerPlatformsAttribute("publish", "Platforms", "linux/amd64", "linux/arm64", "linux/arm/v7") { Runners = ["linux/arm64=ubuntu-24.04-arm"] }
            .SplitFor(GitHubActionsImage.UbuntuLatest)!;

        var emulated = split.Parts.Single(p => p.Key == "linux/arm/v7");
        Assert.Null(emulated.Runner);
        var step = Assert.Single(emulated.Steps);
        Assert.Equal(ContainerPlatformsAttribute.SetupQemu, step.Uses);
        Assert.Equal("arm", step.With["platforms"]);
        Assert.Empty(split.Parts.Single(p => p.Key == "linux/arm64").Steps);
    }

    [Fact]
    public void WithoutRunnersPublishingStaysOneJob() =>
        Assert.Null(new ContainerPlatformsAttribute("publish", "Platforms", "linux/amd64", "linux/arm64").SplitFor(GitHubActionsImage.UbuntuLatest));

    [Theory]
    [InlineData("ubuntu-24.04-arm", "linux/arm64")]
    [InlineData("ubuntu-22.04-arm", "linux/arm64")]
    [InlineData("self-hosted-arm64", "linux/arm64")]
    [InlineData("ubuntu-latest", "linux/amd64")]
    [InlineData("ubuntu-24.04", "linux/amd64")]
    public void ARunnersLabelSaysItsProcessor(string label, string platform) =>
        Assert.Equal(platform, ContainerPlatformsAttribute.RunnerPlatform(label));

    [Theory]
    [InlineData("linux/arm64", "[ContainerPlatforms] of workflow 'publish': Runners entry 'linux/arm64' needs the form platform=runner, e.g. \"linux/arm64=ubuntu-24.04-arm\".")]
    [InlineData("linux/s390x=ubuntu-latest", "[ContainerPlatforms] of workflow 'publish' names a runner for linux/s390x, which is not one of its platforms (linux/amd64, linux/arm64).")]
    [InlineData("linux/aarch64=ubuntu-24.04-arm", "[ContainerPlatforms] of workflow 'publish': 'linux/aarch64' names an architecture .NET does not publish for; use one of linux/amd64, linux/arm64, linux/arm, linux/386, linux/ppc64le, linux/s390x, linux/riscv64.")]
    public void AWrongRunnerEntryFailsInOneLine(string entry, string message) =>
        Assert.Equal(message, Assert.Throws<BuildException>(() => Spread(entry).SplitFor(GitHubActionsImage.UbuntuLatest)).Message);

    [Fact]
    public void TwoRunnersForOnePlatformOrRunnersForOnePlatformFailInOneLine()
    {
        Assert.Equal("[ContainerPlatforms] of workflow 'publish' names two runners for linux/arm64; name one.",
            Assert.Throws<BuildException>(() => Spread("linux/arm64=ubuntu-24.04-arm", "linux/arm64=ubuntu-22.04-arm").SplitFor(GitHubActionsImage.UbuntuLatest)).Message);
        Assert.StartsWith("[ContainerPlatforms] of workflow 'publish' names runners for one platform",
            Assert.Throws<BuildException>(() => new ContainerPlatformsAttribute("publish", "Platforms", "linux/arm64") { Runners = ["linux/arm64=ubuntu-24.04-arm"] }.SplitFor(GitHubActionsImage.UbuntuLatest)).Message);
    }

    private static readonly ContainerPlatform[] Both = [ContainerPlatform.Parse("linux/amd64", "test"), ContainerPlatform.Parse("linux/arm64", "test")];
    private static readonly string A = "sha256:" + new string('a', 64);
    private static readonly string B = "sha256:" + new string('b', 64);

    [Fact]
    public void TheHandedDigestsAreReadOneAPlatformInAnyOrderAndSeparation()
    {
        var digests = PlatformDigestList.Parse([$"linux/arm64={B}, linux/amd64={A}"], Both, "--platform-digests");

        Assert.Equal(A, digests["linux/amd64"]);
        Assert.Equal(B, digests["linux/arm64"]);
        // Nothing handed at all: the merge reads each platform's image from its tags alone.
        Assert.Empty(PlatformDigestList.Parse([], Both, "--platform-digests"));
    }

    [Theory]
    // A platform job whose output came through empty: the merge stops, it does not merge what it can find.
    [InlineData("linux/amd64=A,", "--platform-digests has no digest for linux/arm64: its job reported none, so nothing was merged. Look at that job's 'platform-digests' output, or run PushPlatformImage for linux/arm64 first.")]
    [InlineData(",", "--platform-digests has no digest for linux/amd64: its job reported none, so nothing was merged. Look at that job's 'platform-digests' output, or run PushPlatformImage for linux/amd64 first.")]
    [InlineData("linux/amd64=A,linux/arm64", "--platform-digests: 'linux/arm64' is not platform=digest; write linux/arm64=sha256:<64 hex digits>, one pair a platform, comma-separated.")]
    [InlineData("linux/amd64=A,linux/arm64=sha256:12", "--platform-digests: the linux/arm64 digest 'sha256:12' is not sha256:<64 hex digits>, as a registry names an image.")]
    [InlineData("linux/amd64=A,linux/amd64=B", "--platform-digests: linux/amd64 is named twice; each platform's job reports one digest.")]
    [InlineData("linux/amd64=A,linux/arm64=B,linux/386=A", "--platform-digests: 'linux/386' is not one of the image's platforms (linux/amd64, linux/arm64); merge the platforms --platforms names.")]
    public void WhatTheMergeIsHandedWronglyStopsItInOneLine(string value, string message) =>
        Assert.Equal(message, Assert.Throws<BuildException>(() => PlatformDigestList.Parse([value.Replace("=A", "=" + A).Replace("=B", "=" + B)], Both, "--platform-digests")).Message);
}
