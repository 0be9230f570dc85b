namespace EndToEnd.Tests;

/// <summary>
/// ./build.sh PushImage --platforms linux/amd64,linux/arm64, for real: the app published for each runtime identifier,
/// each platform's image built on its base image (on this machine the stand-ins: Debian for that architecture with
/// .NET), the arm64 one smoke-tested under emulation (qemu-user-static through binfmt_misc), then pushed to a registry
/// with TLS and a password as one OCI index under every tag. The registry's own answers and the pulled images are
/// what is checked, as a user pulling the tag on either processor would see them.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class MultiPlatformTests : IClassFixture<MultiPlatformTests.Release>
{
    public sealed class Release : IDisposable
    {
        public Release()
        {
            Registry = new SecureRegistry();
            Repository = new ThrowawayRepository().WithBranches("feature/arm");
            Repository.Git("tag", "v2.1.0");
            Push = Run();
        }

        public SecureRegistry Registry { get; }
        public ThrowawayRepository Repository { get; }
        public BuildRun Push { get; }

        public BuildRun Run() => BuildRun.Start(Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password },
            "PushImage", "--skip", "Test", "--platforms", "linux/amd64,linux/arm64",
            "--registry", Registry.Address, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username);

        public void Dispose()
        {
            LocalImages.RemoveUnder(Registry.Address);
            Repository.Dispose();
            Registry.Dispose();
        }
    }

    private const string Path = "acme-corp/store";
    private static readonly string[] Platforms = ["linux/amd64", "linux/arm64"];
    private readonly Release _release;

    public MultiPlatformTests(Release release) => _release = release;

    [Fact]
    public void EveryTagNamesOneIndexThatListsEachPlatformsImage()
    {
        Assert.True(_release.Push.ExitCode == 0, _release.Push.Output);
        var sha = $"sha-{_release.Repository.HeadCommit[..7]}";
        string[] shared = ["2", "2.1", "2.1.0", "latest", "main", sha];
        string[] own = [.. Platforms.SelectMany(p => new[] { $"2.1.0-{p.Replace('/', '-')}", $"{sha}-{p.Replace('/', '-')}" })];
        Assert.Equal(shared.Concat(own).Order(), _release.Registry.Client.Tags(Path));

        var (index, mediaType, digest) = _release.Registry.Client.Manifest(Path, "2.1.0");
        Assert.Equal("application/vnd.oci.image.index.v1+json", mediaType);
        Assert.All(shared, tag => Assert.Equal(digest, _release.Registry.Client.Manifest(Path, tag).Digest));
        Assert.Equal(_release.Repository.HeadCommit, index.GetProperty("annotations").GetProperty("org.opencontainers.image.revision").GetString());

        var listed = index.GetProperty("manifests").EnumerateArray()
            .ToDictionary(m => $"{m.GetProperty("platform").GetProperty("os").GetString()}/{m.GetProperty("platform").GetProperty("architecture").GetString()}", m => m.GetProperty("digest").GetString()!);
        Assert.Equal(Platforms, listed.Keys.Order());
        foreach (var platform in Platforms)
        {
            // Each entry is the image pushed under that platform's own tags, and its config really is that platform's.
            Assert.Equal(listed[platform], _release.Registry.Client.Manifest(Path, $"2.1.0-{platform.Replace('/', '-')}").Digest);
            Assert.Equal(platform, _release.Registry.Client.Platform(Path, listed[platform]));
        }

        Assert.Contains($"Verified in {_release.Registry.Address}: 6 tags resolve to the index {digest} of linux/amd64, linux/arm64.", _release.Push.Output);
        Assert.Contains("answers /health with version 2.1.0 on Arm64", _release.Push.Output);
    }

    [Theory]
    [InlineData("linux/arm64", "arm64", "Arm64")]
    [InlineData("linux/amd64", "amd64", "X64")]
    public async Task EachPlatformPulledByTheTagRunsHereAndAnswersWithTheVersion(string platform, string architecture, string processArchitecture)
    {
        Assert.True(_release.Push.ExitCode == 0, _release.Push.Output);
        var reference = $"{_release.Registry.Address}/{Path}:2.1.0";
        // Both platforms share the tag, and one local tag holds one platform's image: one pull at a time.
        await PullLock.WaitAsync();
        try
        {
            Shell.Run("docker", ["image", "rm", "--force", reference]);
            _release.Registry.Pull(reference, platform);
            Assert.Equal(architecture, Shell.Check("docker", "image", "inspect", "--format", "{{.Architecture}}", reference).Trim());

            var health = await RunningImage.GetJsonAsync(reference, "/health", platform);
            Assert.Equal("2.1.0", health.GetProperty("version").GetString());
            Assert.Equal(processArchitecture, health.GetProperty("architecture").GetString());
        }
        finally
        {
            PullLock.Release();
        }
    }

    private static readonly SemaphoreSlim PullLock = new(1, 1);

    [Fact]
    public void ARerunOfTheSameCommitKeepsTheIndexAndEveryPlatformsImage()
    {
        Assert.True(_release.Push.ExitCode == 0, _release.Push.Output);
        var before = _release.Registry.Client.Tags(Path).ToDictionary(tag => tag, tag => _release.Registry.Client.Manifest(Path, tag).Digest);

        var rerun = _release.Run();

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Contains("is already this commit's image", rerun.Output);
        Assert.DoesNotContain("> docker push", rerun.Output);
        Assert.Equal(before, _release.Registry.Client.Tags(Path).ToDictionary(tag => tag, tag => _release.Registry.Client.Manifest(Path, tag).Digest));
    }

    [Fact]
    public void ACommitPublishedForOnePlatformIsNotRepublishedUnderItsTagsForSeveral()
    {
        const string single = "acme-corp/store-single";
        string[] login = ["--registry", _release.Registry.Address, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username, "--image-name", "store-single"];
        var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password };
        var first = BuildRun.Start(_release.Repository, environment, ["PushImage", "--skip", "Test", "--platforms", "linux/amd64", .. login]);
        Assert.True(first.ExitCode == 0, first.Output);
        var before = _release.Registry.Client.Tags(single).ToDictionary(tag => tag, tag => _release.Registry.Client.Manifest(single, tag).Digest);

        var several = BuildRun.Start(_release.Repository, environment, ["PushImage", "--skip", "Test", "--platforms", "linux/amd64,linux/arm64", .. login]);

        Assert.Equal(1, several.ExitCode);
        Assert.Contains($"{_release.Registry.Address}/{single}:2.1.0 is already this commit's image for one platform", several.Output);
        Assert.Contains("nothing was pushed; tag a new version to publish it for linux/amd64, linux/arm64.", several.Output);
        Assert.DoesNotContain("   at ", several.Output);
        Assert.Equal(before, _release.Registry.Client.Tags(single).ToDictionary(tag => tag, tag => _release.Registry.Client.Manifest(single, tag).Digest));
    }

    [Fact]
    public void EachPlatformPushedByItselfThenMergedIsOneIndexOfExactlyTheDigestsThePlatformsPushed()
    {
        // What the distributed publish workflow's jobs run, run here one after the other: each platform's job, then the merge.
        const string split = "acme-corp/store-split";
        string[] login = ["--skip", "Test", "--registry", _release.Registry.Address, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username, "--image-name", "store-split"];
        var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password };
        foreach (var platform in Platforms)
        {
            var part = BuildRun.Start(_release.Repository, environment, ["PushPlatformImage", "--platforms", platform, .. login]);
            Assert.True(part.ExitCode == 0, part.Output);
        }

        var sha = $"sha-{_release.Repository.HeadCommit[..7]}";
        // The platforms' jobs push each platform's own tags and nothing else: the version's tags are the merge's.
        Assert.Equal(Platforms.SelectMany(p => new[] { $"2.1.0-{p.Replace('/', '-')}", $"{sha}-{p.Replace('/', '-')}" }).Order(), _release.Registry.Client.Tags(split));
        var pushed = Platforms.ToDictionary(p => p, p => _release.Registry.Client.Manifest(split, $"2.1.0-{p.Replace('/', '-')}").Digest);

        // A merge handed a digest its platform's tags do not name writes nothing.
        var wrong = BuildRun.Start(_release.Repository, environment,
            ["MergeImage", "--platforms", "linux/amd64,linux/arm64", "--platform-digests", $"linux/amd64={pushed["linux/arm64"]},linux/arm64={pushed["linux/arm64"]}", .. login]);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains($"The linux/amd64 job reported {pushed["linux/arm64"]}, but {_release.Registry.Address}/{split}:2.1.0-linux-amd64 names {pushed["linux/amd64"]} in {_release.Registry.Address}; nothing was merged.", wrong.Output);
        Assert.DoesNotContain("   at ", wrong.Output);
        Assert.DoesNotContain("2.1.0", _release.Registry.Client.Tags(split));

        var merge = BuildRun.Start(_release.Repository, environment,
            ["MergeImage", "--platforms", "linux/amd64,linux/arm64", "--platform-digests", string.Join(',', pushed.Select(p => $"{p.Key}={p.Value}")), .. login]);

        Assert.True(merge.ExitCode == 0, merge.Output);
        Assert.DoesNotContain("── BuildImage", merge.Output);
        var (index, mediaType, digest) = _release.Registry.Client.Manifest(split, "2.1.0");
        Assert.Equal("application/vnd.oci.image.index.v1+json", mediaType);
        Assert.All(new[] { "2", "2.1", "2.1.0", "latest", "main", sha }, tag => Assert.Equal(digest, _release.Registry.Client.Manifest(split, tag).Digest));
        var listed = index.GetProperty("manifests").EnumerateArray()
            .ToDictionary(m => $"{m.GetProperty("platform").GetProperty("os").GetString()}/{m.GetProperty("platform").GetProperty("architecture").GetString()}", m => m.GetProperty("digest").GetString()!);
        Assert.Equal(pushed.OrderBy(p => p.Key), listed.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("linux/x86_64", "--platforms: 'linux/x86_64' names an architecture .NET does not publish for; use one of linux/amd64, linux/arm64")]
    [InlineData("windows/amd64", "--platforms: 'windows/amd64' is not a linux platform")]
    public void APlatformThatCannotBeBuiltFailsInOneLineBeforeAnythingRuns(string platform, string message)
    {
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string>(), "BuildImage", "--platforms", $"linux/amd64,{platform}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Output);
        Assert.DoesNotContain("── Compile", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }
}
