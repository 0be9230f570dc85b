namespace EndToEnd.Tests;

/// <summary>
/// The inner loop: in a fresh copy of this repository, ./build.sh PushImage, then again with nothing changed; and the
/// same for two platforms. The second run of each must find every target up to date but the push, start no dotnet
/// command, and write nothing to the registry, which sits behind a proxy that records every request it is sent.
/// Nothing is skipped: Restore, Compile, Test and the per-runtime Publish all run the first time.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class UnchangedRerunTests : IClassFixture<UnchangedRerunTests.Runs>
{
    public sealed class Runs : IAsyncLifetime
    {
        public SecureRegistry Registry { get; } = new();
        public ThrowawayRepository Repository { get; } = new ThrowawayRepository().WithBranches("feature/cart");
        public FaultProxy Proxy { get; private set; } = null!;

        public BuildRun First { get; private set; } = null!;
        public BuildRun Second { get; private set; } = null!;
        public IReadOnlyList<string> SecondRequests { get; private set; } = [];
        public BuildRun FirstMultiPlatform { get; private set; } = null!;
        public BuildRun SecondMultiPlatform { get; private set; } = null!;
        public IReadOnlyList<string> SecondMultiPlatformRequests { get; private set; } = [];

        public Task InitializeAsync()
        {
            Proxy = new FaultProxy(Registry);
            First = Push();
            (Second, SecondRequests) = Recorded(() => Push());
            // Another image: a commit published for one platform is never republished under its tags for several.
            FirstMultiPlatform = Push("--platforms", "linux/amd64,linux/arm64", "--image-name", "store-multi");
            (SecondMultiPlatform, SecondMultiPlatformRequests) = Recorded(() => Push("--platforms", "linux/amd64,linux/arm64", "--image-name", "store-multi"));
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await Proxy.DisposeAsync();
            LocalImages.RemoveUnder(Registry.Address);
            Repository.Dispose();
            Registry.Dispose();
        }

        private BuildRun Push(params string[] extra) =>
            BuildRun.Start(Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password },
                ["PushImage", "--registry", Proxy.Address, "--owner", "acme", "--registry-username", SecureRegistry.Username, .. extra]);

        /// <summary>A run, and the requests the registry was sent while it ran.</summary>
        private (BuildRun Run, IReadOnlyList<string> Requests) Recorded(Func<BuildRun> run)
        {
            var before = Proxy.Seen.Count;
            var result = run();
            return (result, [.. Proxy.Seen.Skip(before)]);
        }
    }

    private static readonly string[] UpToDate = ["Restore", "Compile", "Test", "Publish", "BuildImage", "SmokeTest"];
    private static readonly string[] Writes = ["PUT", "POST", "PATCH", "DELETE"];
    private static readonly System.Text.RegularExpressions.Regex Started = new(@"> \S*(dotnet|docker)\s+(restore|build|test|publish|push)\b");
    private readonly Runs _runs;

    public UnchangedRerunTests(Runs runs) => _runs = runs;

    [Fact]
    public void WithNothingChangedTheSecondPushImageOnlyChecksTheRegistry()
    {
        Assert.True(_runs.First.ExitCode == 0, _runs.First.Output);
        Assert.Equal("Succeeded", Status(_runs.First, "Publish"));

        AssertOnlyThePushRan(_runs.Second, _runs.SecondRequests);
    }

    [Fact]
    public void WithNothingChangedTheSecondMultiPlatformPushImageOnlyChecksTheRegistry()
    {
        Assert.True(_runs.FirstMultiPlatform.ExitCode == 0, _runs.FirstMultiPlatform.Output);
        // New platforms are a change: the project is restored and published for the new runtime.
        Assert.Equal("Succeeded", Status(_runs.FirstMultiPlatform, "Restore"));
        Assert.Equal("Succeeded", Status(_runs.FirstMultiPlatform, "Publish"));

        AssertOnlyThePushRan(_runs.SecondMultiPlatform, _runs.SecondMultiPlatformRequests);
    }

    private static void AssertOnlyThePushRan(BuildRun run, IReadOnlyList<string> requests)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.All(UpToDate, target => Assert.True(Status(run, target) == "UpToDate", $"{target}: {Status(run, target)}\n{run.Output}"));
        Assert.Equal("Succeeded", Status(run, "PushImage"));
        // No dotnet, no docker build: the log shows every command a target starts, behind "> ".
        Assert.DoesNotMatch(Started, run.Output);
        Assert.DoesNotContain("Restored ", run.Output, StringComparison.Ordinal);
        // The registry was asked, and nothing was written to it.
        Assert.NotEmpty(requests);
        Assert.DoesNotContain(requests, request => Writes.Contains(request.Split(' ')[0]));
    }

    /// <summary>A target's status word in the summary table at the end of the run: Succeeded, UpToDate, Failed, ...</summary>
    private static string Status(BuildRun run, string target)
    {
        var row = run.Output.Split('\n').LastOrDefault(line => line.StartsWith(target + " ", StringComparison.Ordinal));
        return row?[target.Length..].Trim().Split([' ', ':'], 2)[0] ?? "(no row)";
    }
}
