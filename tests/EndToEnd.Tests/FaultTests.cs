namespace EndToEnd.Tests;

/// <summary>
/// Registry faults, for real: the build pushes through <see cref="FaultProxy"/> to the TLS registry with a password,
/// and the proxy answers 503s, hangs, drops connections or reports a full disk where a rule says so.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class FaultTests : IClassFixture<FaultTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public SecureRegistry Registry { get; } = new();
        public ThrowawayRepository Repository { get; } = new ThrowawayRepository().WithBranches("feature/cart");
        public FaultProxy Proxy { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Proxy = new FaultProxy(Registry);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await Proxy.DisposeAsync();
            Repository.Dispose();
            Registry.Dispose();
        }
    }

    private readonly Fixture _fixture;

    public FaultTests(Fixture fixture)
    {
        _fixture = fixture;
        _fixture.Proxy.Clear();
    }

    private BuildRun Push(string imageName, params string[] extra) =>
        BuildRun.Start(_fixture.Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password },
            ["PushImage", "--skip", "Test", "--registry", _fixture.Proxy.Address, "--owner", "acme", "--registry-username", SecureRegistry.Username, "--image-name", imageName, .. extra]);

    private IReadOnlyList<string> Tags(string imageName) => _fixture.Registry.Client.Tags($"acme/{imageName}");

    /// <summary>
    /// Also the trust rule: the proxy is a loopback TLS registry whose certificate is in no certs.d folder. Docker
    /// accepts it (loopback registries are insecure registries), so the build's own tag checks must too, over TLS.
    /// </summary>
    [Fact]
    public void ThroughTheProxyEverythingIsPushedAndVerified()
    {
        var run = Push("passed");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(3, Tags("passed").Count);
        Assert.Contains(_fixture.Proxy.Seen, request => request.StartsWith("PATCH /v2/acme/passed/blobs/uploads/", StringComparison.Ordinal));
    }

    [Fact]
    public void PassingFaultsAreRetriedAndThePushSucceeds()
    {
        // docker login meets one 503 on the API root, the build's own tag lookup one 503, a manifest PUT one dropped connection.
        // The proxy's 503 has no API version header, so docker goes on to plain HTTP for this loopback registry and
        // reports that attempt's EOF, which is retried as it is; LoginFaultTests has the 503 that docker reports as a 401.
        _fixture.Proxy
            .Add(new FaultRule("GET", "^/v2/$", Fault.Status) { Status = 503, Times = 1 })
            .Add(new FaultRule("HEAD", "^/v2/acme/flaky/manifests/", Fault.Status) { Status = 503, Times = 1 })
            .Add(new FaultRule("PUT", "^/v2/acme/flaky/manifests/", Fault.Drop) { Times = 1 });

        var run = Push("flaky");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("trying again", run.Output);
        Assert.Equal(3, Tags("flaky").Count);
        var digest = Assert.Single(Tags("flaky").Select(tag => _fixture.Registry.Client.Digest("acme/flaky", tag)).Distinct());
        Assert.Contains($"tags resolve to {digest}", run.Output);
    }

    [Fact]
    public void ARegistryThatHangsFailsTheBuildInBoundedTimeNamingIt()
    {
        _fixture.Proxy.Add(new FaultRule("PUT", "^/v2/acme/hanging/manifests/", Fault.Hang));

        var run = Push("hanging", "--registry-timeout", "10");

        // The push itself, as the summary times it: whatever the machine's load does to compiling and building first.
        Assert.Equal(1, run.ExitCode);
        var pushed = System.Text.RegularExpressions.Regex.Match(run.Output, @"(?m)^PushImage\s+Failed\s+(\d+):(\d+\.\d)\s*$");
        Assert.True(pushed.Success, run.Output);
        Assert.InRange(TimeSpan.FromMinutes(int.Parse(pushed.Groups[1].Value)) + TimeSpan.FromSeconds(double.Parse(pushed.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.Zero, TimeSpan.FromSeconds(120));
        Assert.Contains($"ERR PushImage failed: Pushing {_fixture.Proxy.Address}/acme/hanging:", run.Output);
        Assert.Contains("'docker push' did not finish within 10 s and was stopped.", run.Output);
        Assert.Empty(Tags("hanging"));
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void AFullRegistryDiskIsNamedAndNotRetried()
    {
        _fixture.Proxy.Add(new FaultRule("*", "^/v2/acme/full/blobs/uploads/", Fault.Status)
        {
            Status = 500,
            Body = """{"errors":[{"code":"UNKNOWN","message":"unknown error","detail":"filesystem: write /var/lib/registry/docker/registry/v2/repositories/acme/full/_uploads/data: no space left on device"}]}""",
        });

        var run = Push("full");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"ERR PushImage failed: The registry {_fixture.Proxy.Address} is out of disk space (no space left on device), so {_fixture.Proxy.Address}/acme/full:", run.Output);
        Assert.DoesNotContain("trying again", run.Output);
        Assert.Empty(Tags("full"));
    }
}
