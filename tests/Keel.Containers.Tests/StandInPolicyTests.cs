namespace Keel.Containers.Tests;

/// <summary>Which images Keel stands in for, under which rule, and the one line when it cannot.</summary>
public sealed class StandInPolicyTests
{
    private static readonly DotNetVersions Machine = new("10.0.12", "10.0.12", "10.0.401");
    private static readonly ContainerPlatform Amd64 = ContainerPlatform.Parse("linux/amd64", "test");
    private static readonly ContainerPlatform Arm64 = ContainerPlatform.Parse("linux/arm64", "test");

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0", "AspNet", null)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble", "AspNet", null)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0.12", "AspNet", null)]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0.12-noble", "Runtime", null)]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0", "RuntimeDeps", null)]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0", "Sdk", null)]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0.401-noble", "Sdk", null)]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0.100", "Sdk", "only the tags 10.0, 10.0-noble, 10.0.401, 10.0.401-noble can be stood in here (Debian with this machine's .NET 10.0.401)")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-alpine", "AspNet", "only the tags 10.0, 10.0-noble, 10.0.12, 10.0.12-noble can be stood in here (Debian with this machine's .NET 10.0.12)")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", "AspNet", "only the tags 10.0, 10.0-noble, 10.0.12, 10.0.12-noble can be stood in here (Debian with this machine's .NET 10.0.12)")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:9.0", "AspNet", "only the tags 10.0, 10.0-noble, 10.0.12, 10.0.12-noble can be stood in here (Debian with this machine's .NET 10.0.12)")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet", "AspNet", "only the tags 10.0, 10.0-noble, 10.0.12, 10.0.12-noble can be stood in here (Debian with this machine's .NET 10.0.12)")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "AspNet", "a digest names content no stand-in has; name it by tag")]
    [InlineData("mcr.microsoft.com/dotnet/monitor:10.0", null, null)]
    [InlineData("docker.io/library/debian:12", null, null)]
    public void TheOfficialDotNetImagesAreKnownAtThisMachinesVersion(string reference, string? kind, string? refusal)
    {
        Assert.Equal(kind, OfficialDotNetImages.Recognize(reference, Machine, out var why)?.ToString());
        Assert.Equal(refusal, why);
    }

    private static BaseImageRequest Request(string image, StandInRule rule, string registry = "localhost:5000", ContainerPlatform? platform = null, StandInRecipe? recipe = null) =>
        new(image, "src/App/Dockerfile:4", platform ?? Amd64, (platform ?? Amd64).RunsOn("linux/amd64"), rule, recipe, registry, "pass --allow-stand-in-base");

    public static TheoryData<string, string, StandInRule, string, string, string> Refusals => new()
    {
        { "an image Keel does not know", "docker.io/library/debian:12", StandInRule.ThisMachineOnly, "localhost:5000", "linux/amd64",
            "src/App/Dockerfile:4: docker.io/library/debian:12 cannot be pulled (no such host), and Keel stands in only for the official .NET images (mcr.microsoft.com/dotnet/runtime-deps:10.0, mcr.microsoft.com/dotnet/runtime:10.0, mcr.microsoft.com/dotnet/aspnet:10.0, mcr.microsoft.com/dotnet/sdk:10.0); check the name, that its registry answers and that you are logged in to it, or build where it can be pulled." },
        { "a tag no stand-in matches", "mcr.microsoft.com/dotnet/aspnet:10.0-alpine", StandInRule.ThisMachineOnly, "localhost:5000", "linux/amd64",
            "src/App/Dockerfile:4: mcr.microsoft.com/dotnet/aspnet:10.0-alpine cannot be pulled (no such host), and only the tags 10.0, 10.0-noble, 10.0.12, 10.0.12-noble can be stood in here (Debian with this machine's .NET 10.0.12); check the name, that its registry answers and that you are logged in to it, or build where it can be pulled." },
        { "a base image the build allows no stand-in for", "mcr.microsoft.com/dotnet/aspnet:10.0", StandInRule.Never, "localhost:5000", "linux/amd64",
            "src/App/Dockerfile:4: mcr.microsoft.com/dotnet/aspnet:10.0 cannot be pulled (no such host), and the build allows no stand-in for it; check the name, that its registry answers and that you are logged in to it, or build where it can be pulled." },
        { "a stand-in for a registry off this machine", "mcr.microsoft.com/dotnet/aspnet:10.0", StandInRule.ThisMachineOnly, "ghcr.io", "linux/amd64",
            "src/App/Dockerfile:4: mcr.microsoft.com/dotnet/aspnet:10.0 cannot be pulled here, and the local stand-in for it (Debian and this machine's .NET runtime) only goes to a registry on this machine, not ghcr.io; build where mcr.microsoft.com/dotnet/aspnet:10.0 can be pulled, or pass --allow-stand-in-base if you mean to publish on the stand-in." },
        { "an sdk for another processor", "mcr.microsoft.com/dotnet/sdk:10.0", StandInRule.ThisMachineOnly, "localhost:5000", "linux/arm64",
            "src/App/Dockerfile:4: mcr.microsoft.com/dotnet/sdk:10.0 cannot be pulled for linux/arm64 (no such host), and no stand-in for it can be made for linux/arm64 (the .NET SDK for another processor is not on NuGet); run the build stage on this machine's platform with 'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build' (the official cross-build pattern), or build on a linux/arm64 runner." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AnImageThatCanNeitherBePulledNorStoodInIsNamedWithItsLineAndTheFix(string name, string image, StandInRule rule, string registry, string platform, string message)
    {
        Assert.NotEmpty(name);
        var request = Request(image, rule, registry, ContainerPlatform.Parse(platform, "test"));
        Assert.Equal(message, Assert.Throws<BuildException>(() => StandInPolicy.Choose(request, Machine, "no such host")).Message);
    }

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0", StandInRule.ThisMachineOnly, "localhost:5000", "Sdk")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0", StandInRule.Anywhere, "ghcr.io", "Sdk")]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble", StandInRule.ThisMachineOnly, "127.0.0.1:5001", "RuntimeDeps")]
    public void AnOfficialImageIsStoodInWhereTheRuleAllows(string image, StandInRule rule, string registry, string kind)
    {
        var (chosen, recipe) = StandInPolicy.Choose(Request(image, rule, registry), Machine, "no such host");

        Assert.Equal(kind, chosen.ToString());
        Assert.Same(StandInRecipe.Official, recipe);
    }

    [Fact]
    public void AnotherNameIsStoodInByTheBuildsRecipeAsTheOfficialImageWithItsFrameworks()
    {
        var recipe = new StandInRecipe { DebianRelease = "bookworm", SharedFrameworks = ["Microsoft.NETCore.App"] };

        var (kind, chosen) = StandInPolicy.Choose(Request("localhost:5000/mirror/runtime:10", StandInRule.ThisMachineOnly, recipe: recipe), Machine, "not found");

        Assert.Equal(DotNetImageKind.Runtime, kind);
        Assert.Same(recipe, chosen);
    }

    public static TheoryData<string, string[]> Environments => new()
    {
        { "RuntimeDeps", ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true"] },
        { "Runtime", ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true", "DOTNET_VERSION=10.0.12"] },
        { "AspNet", ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true", "DOTNET_VERSION=10.0.12", "ASPNET_VERSION=10.0.12"] },
        { "Sdk", ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true", "DOTNET_VERSION=10.0.12", "ASPNET_VERSION=10.0.12",
            "DOTNET_GENERATE_ASPNET_CERTIFICATE=false", "DOTNET_NOLOGO=true", "DOTNET_SDK_VERSION=10.0.401", "DOTNET_USE_POLLING_FILE_WATCHER=true", "NUGET_XMLDOC_MODE=skip", "POWERSHELL_DISTRIBUTION_CHANNEL=PSDocker-DotnetSDK-Ubuntu-24.04"] },
    };

    /// <summary>The facts as dotnet/dotnet-docker's Dockerfiles set them (see OfficialDotNetImages for the files and commit).</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void EachKindCarriesTheRecordedEnvironment(string kind, string[] expected) =>
        Assert.Equal(expected, OfficialDotNetImages.Environment(Enum.Parse<DotNetImageKind>(kind), Machine).Select(e => $"{e.Key}={e.Value}"));

    [Fact]
    public void AStandInSaysWhatItIsAndWhichDistributionItIsMadeOf()
    {
        var labels = StandInFactory.Labels(DotNetImageKind.AspNet, StandInRecipe.Official, Arm64, native: false, Machine);

        Assert.Equal("stands in for mcr.microsoft.com/dotnet/aspnet 10.0.12: assembled offline from Debian bookworm and the .NET runtime packs 10.0.12 for linux-arm64", labels[ImageLabels.StandIn]);
        Assert.Equal("Debian 12 (bookworm); the real image is Ubuntu 24.04 (noble)", labels[StandInFactory.DistributionLabel]);
        Assert.NotEqual(StandInFactory.RecipeId(StandInRecipe.Official, DotNetImageKind.AspNet), StandInFactory.RecipeId(StandInRecipe.Official, DotNetImageKind.Runtime));
    }
}
