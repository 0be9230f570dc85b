using System.Text;
using System.Text.Json;
using Keel;
using Keel.Containers;
using Keel.GitHubActions;

namespace Keel.Containers.Tests;

/// <summary>Platforms as users write them, what .NET calls them, and the index that joins their images under one tag.</summary>
public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux/amd64", "linux/amd64", "linux-x64", "X64", "linux-amd64")]
    [InlineData("linux/arm64", "linux/arm64", "linux-arm64", "Arm64", "linux-arm64")]
    [InlineData("LINUX/ARM64/v8", "linux/arm64", "linux-arm64", "Arm64", "linux-arm64")]
    [InlineData("linux/arm", "linux/arm/v7", "linux-arm", "Arm", "linux-arm-v7")]
    [InlineData("linux/arm/v6", "linux/arm/v6", "linux-arm", "Arm", "linux-arm-v6")]
    [InlineData(" linux/386 ", "linux/386", "linux-x86", "X86", "linux-386")]
    [InlineData("linux/s390x", "linux/s390x", "linux-s390x", "S390x", "linux-s390x")]
    public void APlatformNamesItsRuntimeIdentifierArchitectureAndTagSuffix(string text, string platform, string rid, string architecture, string suffix)
    {
        var parsed = ContainerPlatform.Parse(text, "--platforms");

        Assert.Equal(platform, parsed.ToString());
        Assert.Equal(rid, parsed.RuntimeIdentifier);
        Assert.Equal(architecture, parsed.ProcessArchitecture);
        Assert.Equal(suffix, parsed.TagSuffix);
    }

    [Theory]
    [InlineData("arm64", "--platforms: 'arm64' is not a platform; write os/architecture[/variant], e.g. linux/amd64 or linux/arm64.")]
    [InlineData("windows/amd64", "--platforms: 'windows/amd64' is not a linux platform; images are built for linux only (linux/amd64, linux/arm64, ...).")]
    [InlineData("linux/x86_64", "--platforms: 'linux/x86_64' names an architecture .NET does not publish for; use one of linux/amd64, linux/arm64, linux/arm, linux/386, linux/ppc64le, linux/s390x, linux/riscv64.")]
    [InlineData("linux/arm/v8", "--platforms: 'linux/arm/v8' names a variant arm does not have; use linux/arm/v6 or linux/arm/v7.")]
    [InlineData("linux/amd64/v3", "--platforms: 'linux/amd64/v3' names a variant amd64 does not have; write linux/amd64.")]
    [InlineData("linux//", "--platforms: 'linux//' is not a platform; write os/architecture[/variant], e.g. linux/amd64 or linux/arm64.")]
    public void AWrongPlatformIsNamedInOneLineWithTheFix(string text, string message) =>
        Assert.Equal(message, Assert.Throws<BuildException>(() => ContainerPlatform.Parse(text, "--platforms")).Message);

    [Fact]
    public void ThisMachinesPlatformIsItsProcessorsLinuxPlatform() =>
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString(), ContainerPlatform.ThisMachine.ProcessArchitecture);

    private static readonly ImagePlan Plan = new("ghcr.io/acme/store",
        [new ImageTag("1.2.3", false), new ImageTag("sha-abc1234", false), new ImageTag("1.2", true), new ImageTag("latest", true)],
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["org.opencontainers.image.revision"] = "abc1234", ["org.opencontainers.image.version"] = "1.2.3" });

    [Fact]
    public void EachPlatformsImageGetsTheImmutableTagsWithItsPlatformAndNoFloatingOnes()
    {
        var arm = Plan.ForPlatform(ContainerPlatform.Parse("linux/arm64", "test"));

        Assert.Equal(["ghcr.io/acme/store:1.2.3-linux-arm64", "ghcr.io/acme/store:sha-abc1234-linux-arm64"], arm.References);
        Assert.All(arm.Tags, tag => Assert.False(tag.Floating));
        Assert.Equal(Plan.Labels, arm.Labels);
    }

    [Fact]
    public void OnePlatformsImageTakesThePlansOwnTags()
    {
        Assert.Same(Plan, Assert.Single(Plan.PerPlatform([ContainerPlatform.Parse("linux/arm64", "test")])));
        Assert.Equal(2, Plan.PerPlatform([ContainerPlatform.Parse("linux/amd64", "test"), ContainerPlatform.Parse("linux/arm64", "test")]).Count);
    }

    [Fact]
    public void TheIndexListsEachPlatformsManifestAndCarriesTheLabelsAsAnnotations()
    {
        var amd = new PlatformManifest(ContainerPlatform.Parse("linux/amd64", "test"), "sha256:" + new string('a', 64), "application/vnd.docker.distribution.manifest.v2+json", 529);
        var arm = new PlatformManifest(ContainerPlatform.Parse("linux/arm/v7", "test"), "sha256:" + new string('b', 64), "application/vnd.oci.image.manifest.v1+json", 611);

        var index = ImageIndex.Create([amd, arm], Plan.Labels);

        Assert.Equal(
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{amd.Digest}}}","size":529,"platform":{"architecture":"amd64","os":"linux"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{arm.Digest}}}","size":611,"platform":{"architecture":"arm","os":"linux","variant":"v7"}}],"annotations":{"org.opencontainers.image.revision":"abc1234","org.opencontainers.image.version":"1.2.3"}}""",
            Encoding.UTF8.GetString(index));
        Assert.Equal(new Dictionary<string, string> { ["linux/amd64"] = amd.Digest, ["linux/arm/v7"] = arm.Digest }, ImageIndex.Platforms(index));
        // The same images give the same bytes, so a re-run puts the same digest under the tags.
        Assert.Equal(index, ImageIndex.Create([amd, arm], Plan.Labels));
    }

    [Fact]
    public void AStandInBaseImageForAnotherPlatformNamesItsPlatform()
    {
        var arm = ContainerPlatform.Parse("linux/arm64", "test");
        var config = JsonDocument.Parse(ImageArchive.Config(arm, ["sha256:" + new string('c', 64)], new ImageSettings([new("DOTNET_ROOT", "/usr/share/dotnet")], "/app", new Dictionary<string, string> { ["stand-in"] = "yes" }, "test"))).RootElement;

        Assert.Equal("arm64", config.GetProperty("architecture").GetString());
        Assert.Equal("linux", config.GetProperty("os").GetString());
        Assert.Equal("DOTNET_ROOT=/usr/share/dotnet", config.GetProperty("config").GetProperty("Env")[0].GetString());
        Assert.Equal("sha256:" + new string('c', 64), config.GetProperty("rootfs").GetProperty("diff_ids")[0].GetString());
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-linux-arm64", BaseImageStandIn.LocalReference("mcr.microsoft.com/dotnet/aspnet:10.0", arm, native: false));
        Assert.Equal("localhost:5000/base:latest-linux-arm64", BaseImageStandIn.LocalReference("localhost:5000/base", arm, native: false));
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", BaseImageStandIn.LocalReference("mcr.microsoft.com/dotnet/aspnet:10.0", arm, native: true));
    }

    [Fact]
    public void AnX64RunnerSetsUpEmulationForArm64AloneAndTheBuildGetsEveryPlatform()
    {
        var attribute = new ContainerPlatformsAttribute("publish", "Platforms", "linux/amd64", "linux/arm64");

        var step = Assert.Single(attribute.StepsFor(GitHubActionsImage.UbuntuLatest));

        Assert.Equal("docker/setup-qemu-action@29109295f81e9208d7d86ff1c6c12d2833863392", step.Uses);
        Assert.Equal("arm64", step.With["platforms"]);
        Assert.Equal("linux/amd64,linux/arm64", attribute.ParameterValues["Platforms"]);
        // Platforms the runner runs natively need no setup at all.
        Assert.Empty(new ContainerPlatformsAttribute("publish", "Platforms", "linux/amd64").StepsFor(GitHubActionsImage.Ubuntu2204));
    }

    [Fact]
    public void WorkflowPlatformsThatCannotBeBuiltFailInOneLine()
    {
        Assert.Equal("[ContainerPlatforms] of workflow 'publish': 'linux/aarch64' names an architecture .NET does not publish for; use one of linux/amd64, linux/arm64, linux/arm, linux/386, linux/ppc64le, linux/s390x, linux/riscv64.",
            Assert.Throws<BuildException>(() => new ContainerPlatformsAttribute("publish", "Platforms", "linux/aarch64")).Message);
        Assert.StartsWith("[ContainerPlatforms] of workflow 'publish' needs a Linux runner",
            Assert.Throws<BuildException>(() => new ContainerPlatformsAttribute("publish", "Platforms", "linux/arm64").StepsFor(GitHubActionsImage.WindowsLatest)).Message);
    }
}
