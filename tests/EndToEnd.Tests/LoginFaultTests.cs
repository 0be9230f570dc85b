namespace EndToEnd.Tests;

/// <summary>
/// A fresh login that meets a registry fault first, for real: each test has a TLS registry and a
/// <see cref="FaultProxy"/> of its own, so docker login's ping is the first request they ever see and no challenge of
/// an earlier ping is known anywhere. The proxy answers that first GET /v2/ with a 503 that carries the registry API's
/// version header, as the registry's own answers do. With it, docker does not go on to plain HTTP (as for any
/// registry off this machine, ghcr.io included, where there is no plain-HTTP attempt): it sends the unauthenticated
/// GET /v2/ it has no challenge for, meets the 401 and reports that. Without the header docker tries plain HTTP next
/// for a loopback registry, and that attempt's EOF, not the 401, is what the build hears: a passing failure, retried,
/// which is why <see cref="FaultTests"/>' own 503 on the API root never showed the fault.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LoginFaultTests : IClassFixture<LoginFaultTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ThrowawayRepository Repository { get; } = new ThrowawayRepository().WithBranches("feature/cart");

        public void Dispose() => Repository.Dispose();
    }

    private static FaultRule FirstPingUnavailable() => new("GET", "^/v2/$", Fault.Status)
    {
        Status = 503,
        Times = 1,
        Headers = new Dictionary<string, string> { ["Docker-Distribution-API-Version"] = "registry/2.0" },
    };

    private readonly Fixture _fixture;

    public LoginFaultTests(Fixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("password")]
    [InlineData("token")]
    public async Task AFreshLoginWhoseFirstPingMeetsA503IsRetriedAndThePushSucceeds(string auth)
    {
        using var registry = new SecureRegistry(bearerTokens: auth == "token");
        await using var proxy = new FaultProxy(registry);
        proxy.Add(FirstPingUnavailable());

        var run = Push(proxy, $"fresh-{auth}", SecureRegistry.Password);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("GET /v2/", proxy.Seen[0]);
        Assert.Contains($"Logging in to {proxy.Address} failed", run.Output);
        Assert.Contains("trying again", run.Output);
        Assert.DoesNotContain("Could not log in", run.Output);
        Assert.Equal(3, registry.Client.Tags($"acme/fresh-{auth}").Count);
        Assert.DoesNotContain(SecureRegistry.Password, run.Output + run.LogFile);
    }

    [Fact]
    public async Task A503ToTheBuildsOwnLookAtTheCredentialsIsAPassingFaultNotAWrongPassword()
    {
        using var registry = new SecureRegistry();
        await using var proxy = new FaultProxy(registry);
        // docker login's ping meets the 503 and docker reports the 401 that follows; asked directly, the registry
        // answers the first request that carries the credentials with a 503 too.
        proxy.Add(FirstPingUnavailable()).Add(FirstPingUnavailable() with { Authorized = true });

        var run = Push(proxy, "passing", SecureRegistry.Password);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"asked directly, the registry answered 503 Service Unavailable to GET https://{proxy.Address}/v2/ with the credentials: a passing fault", run.Output);
        Assert.Contains("trying again", run.Output);
        Assert.DoesNotContain("rejected", run.Output);
        Assert.Equal(3, registry.Client.Tags("acme/passing").Count);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("token")]
    public async Task AWrongPasswordBehindTheSameFaultIsCalledRejectedInOneLineAndNotRetried(string auth)
    {
        using var registry = new SecureRegistry(bearerTokens: auth == "token");
        await using var proxy = new FaultProxy(registry);
        proxy.Add(FirstPingUnavailable());
        const string wrong = "not-the-registry-password-5c2e";

        var run = Push(proxy, $"rejected-{auth}", wrong);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("GET /v2/", proxy.Seen[0]);
        var line = Assert.Single(run.Output.Split('\n'), l => l.Contains("Could not log in", StringComparison.Ordinal));
        Assert.Contains($"Could not log in to {proxy.Address} as {SecureRegistry.Username}: the registry rejected the credentials (401 Unauthorized", line);
        Assert.Contains("Check --registry-username and --registry-password", line);
        Assert.EndsWith("nothing was pushed.", line.TrimEnd());
        Assert.DoesNotContain("trying again", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain(wrong, run.Output + run.LogFile);
        Assert.DoesNotContain(run.CommandLines, commandLine => commandLine.Contains(wrong, StringComparison.Ordinal));
        Assert.Empty(registry.Client.Tags($"acme/rejected-{auth}"));
    }

    private BuildRun Push(FaultProxy proxy, string imageName, string password) =>
        BuildRun.Start(_fixture.Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = password },
            ["PushImage", "--skip", "Test", "--registry", proxy.Address, "--owner", "acme", "--registry-username", SecureRegistry.Username, "--image-name", imageName]);
}
