using Keel.Containers;
using Keel.Git;
using Keel.Tooling;

namespace Keel.Containers.Tests;

/// <summary>The pure parts around images: refs, remotes, registry challenges, error kinds, build commands.</summary>
public class ContainerPolicyTests
{
    [Theory]
    [InlineData("branch", "refs/heads/feature/cart", null, RefKind.Branch, "feature/cart", 0)]
    [InlineData("tag", "refs/tags/v1.2.3", null, RefKind.Tag, "v1.2.3", 0)]
    [InlineData("pull request", "refs/pull/42/merge", "fix/typo", RefKind.PullRequest, "fix/typo", 42)]
    public void GitRefsAreRead(string behaviour, string fullRef, string? head, RefKind kind, string name, int number)
    {
        var parsed = GitRef.Parse(fullRef, head);

        Assert.True(parsed == new GitRef(kind, name, number), $"{behaviour}: {parsed}");
    }

    [Theory]
    [InlineData("scp-like", "git@github.com:Acme-Corp/store.git", "https://github.com/Acme-Corp/store", "Acme-Corp")]
    [InlineData("https with .git", "https://github.com/Acme/store.git", "https://github.com/Acme/store", "Acme")]
    [InlineData("https without .git", "https://github.com/Acme/store", "https://github.com/Acme/store", "Acme")]
    [InlineData("ssh url", "ssh://git@github.com/Acme/store.git", "https://github.com/Acme/store", "Acme")]
    [InlineData("credentials are dropped", "https://x-access-token:abc@github.com/Acme/store.git", "https://github.com/Acme/store", "Acme")]
    public void RemotesGiveTheRepositoryAddressAndOwner(string behaviour, string remote, string url, string owner)
    {
        var address = RepositoryAddress.Parse(remote);

        Assert.True(address is not null && address.WebUrl == url && address.Owner == owner, $"{behaviour}: {address}");
    }

    [Theory]
    [InlineData("/srv/git/store.git")]
    [InlineData("file:///srv/git/store")]
    [InlineData("")]
    public void LocalRemotesHaveNoAddress(string remote) => Assert.Null(RepositoryAddress.Parse(remote));

    [Fact]
    public void BearerChallengesAreParsed()
    {
        var parameters = RegistryClient.ParseChallenge("realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:acme/store:pull\"");

        Assert.Equal("https://ghcr.io/token", parameters["realm"]);
        Assert.Equal("ghcr.io", parameters["service"]);
        Assert.Equal("repository:acme/store:pull", parameters["scope"]);
    }

    [Theory]
    [InlineData("connection refused is passing", "dial tcp 127.0.0.1:5000: connect: connection refused", true)]
    [InlineData("a gateway error is passing", "received unexpected HTTP status: 503 Service Unavailable", true)]
    [InlineData("a wrong password is lasting", "Error response from daemon: Get \"https://x/v2/\": unauthorized: incorrect username or password", false)]
    [InlineData("a refused write is lasting", "denied: installation not allowed to Write organization package", false)]
    [InlineData("anything else is lasting", "invalid reference format", false)]
    [InlineData("too many requests is passing", "toomanyrequests: received unexpected HTTP status: 429 Too Many Requests", true)]
    [InlineData("a dropped connection is passing", "Get \"https://127.0.0.1:5000/v2/\": EOF", true)]
    [InlineData("a full disk is lasting even as a 500", "received unexpected HTTP status: 500 Internal Server Error: no space left on device", false)]
    public void RegistryErrorsAreToldApart(string behaviour, string output, bool transient)
    {
        var error = new ProcessFailedException("'docker push' exited with code 1.", 1, new ProcessResult(1, [new OutputLine(output, true)]));

        Assert.True(transient == RegistryErrors.IsTransient(error), behaviour);
    }

    [Fact]
    public void AToolThatOutlivedItsTimeLimitIsWorthAnotherTry() =>
        Assert.True(RegistryErrors.IsTransient(new ProcessTimeoutException("'docker push' did not finish within 600 s and was stopped.")));

    private static readonly DockerBuildSettings Settings = new()
    {
        Context = "src/Store",
        File = "src/Store/Dockerfile",
        Tags = ["r/store:1.2.3", "r/store:latest"],
        Labels = new SortedDictionary<string, string> { ["org.opencontainers.image.version"] = "1.2.3" },
        BuildArgs = new SortedDictionary<string, string> { ["BASE_IMAGE"] = "aspnet:10.0" },
    };

    public static TheoryData<string, DockerBuilder, DockerBuildSettings, string, string> Commands => new()
    {
        {
            "the classic builder", DockerBuilder.Classic, Settings,
            "build --file src/Store/Dockerfile --tag r/store:1.2.3 --tag r/store:latest --label org.opencontainers.image.version=1.2.3 --build-arg BASE_IMAGE=aspnet:10.0 --iidfile ID src/Store",
            "0"
        },
        {
            "BuildKit through the variable", DockerBuilder.BuildKit, Settings,
            "build --file src/Store/Dockerfile --tag r/store:1.2.3 --tag r/store:latest --label org.opencontainers.image.version=1.2.3 --build-arg BASE_IMAGE=aspnet:10.0 --iidfile ID src/Store",
            "1"
        },
        {
            "the classic builder for one other platform", DockerBuilder.Classic, Settings with { Platforms = ["linux/arm64"] },
            "build --file src/Store/Dockerfile --tag r/store:1.2.3 --tag r/store:latest --label org.opencontainers.image.version=1.2.3 --build-arg BASE_IMAGE=aspnet:10.0 --platform linux/arm64 --iidfile ID src/Store",
            "0"
        },
        {
            "buildx for one platform of a multi-platform image, loaded into the engine for its smoke test", DockerBuilder.Buildx, Settings with { Platforms = ["linux/arm64"] },
            "buildx build --file src/Store/Dockerfile --tag r/store:1.2.3 --tag r/store:latest --label org.opencontainers.image.version=1.2.3 --build-arg BASE_IMAGE=aspnet:10.0 --platform linux/arm64 --provenance=false --load --iidfile ID src/Store",
            "1"
        },
        {
            "buildx with platforms and a registry cache", DockerBuilder.Buildx,
            Settings with { Platforms = ["linux/amd64", "linux/arm64"], CacheFrom = ["type=registry,ref=r/store:buildcache"], CacheTo = ["type=registry,ref=r/store:buildcache,mode=max"], Push = true },
            "buildx build --file src/Store/Dockerfile --tag r/store:1.2.3 --tag r/store:latest --label org.opencontainers.image.version=1.2.3 --build-arg BASE_IMAGE=aspnet:10.0 --platform linux/amd64,linux/arm64 --cache-from type=registry,ref=r/store:buildcache --cache-to type=registry,ref=r/store:buildcache,mode=max --provenance=false --push --iidfile ID src/Store",
            "1"
        },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void BuildCommandsFitTheBuilder(string behaviour, DockerBuilder builder, DockerBuildSettings settings, string arguments, string buildKit)
    {
        var (actual, environment) = DockerBuildCommand.For(settings, builder, "ID");

        Assert.True(arguments == string.Join(' ', actual), $"{behaviour}: {string.Join(' ', actual)}");
        Assert.Equal(buildKit, environment["DOCKER_BUILDKIT"]);
    }

    [Fact]
    public void SeveralPlatformsInOneBuildWithoutBuildxFailWithTheFix()
    {
        var error = Assert.Throws<BuildException>(() => DockerBuildCommand.For(Settings with { Platforms = ["linux/amd64", "linux/arm64"] }, DockerBuilder.Classic, "ID"));

        Assert.Equal("Building for several platforms at once, build caches and pushing while building need docker buildx, which this docker client does not have; install the buildx plugin, or build one platform at a time.", error.Message);
    }

    [Theory]
    [InlineData("the engine's own platform", "linux/amd64", "linux/amd64", true)]
    [InlineData("case does not matter", "Linux/AMD64", "linux/amd64", true)]
    [InlineData("arm64's only variant, which engines leave unnamed", "linux/arm64/v8", "linux/arm64", true)]
    [InlineData("a variant the engine does not name", "linux/arm/v7", "linux/arm", true)]
    [InlineData("another architecture", "linux/arm64", "linux/amd64", false)]
    [InlineData("another variant", "linux/arm/v6", "linux/arm/v7", false)]
    [InlineData("another operating system", "linux/amd64", "windows/amd64", false)]
    [InlineData("no answer from the engine", "linux/amd64", "", false)]
    public void AnImageRunsNativelyOnlyOnAnEngineOfItsPlatform(string behaviour, string requested, string engine, bool runs) =>
        Assert.True(ContainerPlatform.Parse(requested, "test").RunsOn(engine) == runs, behaviour);
}
