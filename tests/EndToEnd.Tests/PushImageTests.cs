using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EndToEnd.Tests;

/// <summary>
/// ./build.sh PushImage, for real: a throwaway git repository tagged v1.2.3 whose commit other branches hold too (a
/// Dependabot branch, a feature branch), the Docker engine, and a registry with TLS and a password standing in for
/// ghcr.io. The Test target is skipped here: these runs prove the image job, and the tests themselves run in the
/// Test target.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PushImageTests : IClassFixture<PushImageTests.Release>
{
    public sealed class Release : IDisposable
    {
        public Release()
        {
            Registry = new SecureRegistry();
            Repository = new ThrowawayRepository().WithBranches("dependabot/nuget/serilog-4.4.0", "feature/cart");
            Repository.Git("tag", "v1.2.3");
            Push = BuildRun.Start(Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password },
                "PushImage", "--skip", "Test", "--registry", Registry.Address, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username);
        }

        public SecureRegistry Registry { get; }
        public ThrowawayRepository Repository { get; }
        public BuildRun Push { get; }

        public void Dispose()
        {
            // An embedded registry that a run here started (registry/ for localhost:5000, registry-PORT/ for another port)
            // keeps its data in this repository: it goes with it.
            var temp = System.IO.Path.Combine(Repository.Path, ".nuke", "temp");
            var pidFiles = Directory.Exists(temp) ? Directory.GetFiles(temp, "registry.pid", SearchOption.AllDirectories) : [];
            foreach (var pidFile in pidFiles)
            {
                if (!int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
                    continue;
                try
                {
                    using var registry = System.Diagnostics.Process.GetProcessById(pid);
                    registry.Kill();
                    registry.WaitForExit(5000);
                }
                catch (ArgumentException)
                {
                    // It has already ended.
                }
            }

            Repository.Dispose();
            Registry.Dispose();
        }
    }

    private const string Path = "acme-corp/store";
    private readonly Release _release;

    public PushImageTests(Release release) => _release = release;

    [Fact]
    public void AReleaseTagPushesEveryTagAtOneDigest()
    {
        Assert.True(_release.Push.ExitCode == 0, _release.Push.Output);
        var sha = $"sha-{_release.Repository.HeadCommit[..7]}";
        Assert.Equal(new[] { "1", "1.2", "1.2.3", "latest", "main", sha }.Order(), _release.Registry.Client.Tags(Path));
        var digests = _release.Registry.Client.Tags(Path).Select(tag => _release.Registry.Client.Digest(Path, tag)).Distinct().ToList();
        Assert.Single(digests);
        Assert.Contains($"Verified in {_release.Registry.Address}: 6 tags resolve to {digests[0]}", _release.Push.Output);
    }

    [Fact]
    public async Task ThePulledImageCarriesTheLabelsAndAnswersWithTheGitVersionVersion()
    {
        Assert.True(_release.Push.ExitCode == 0, _release.Push.Output);
        var reference = $"{_release.Registry.Address}/{Path}:1.2.3";
        Shell.Check("docker", "image", "rm", "--force", reference);
        _release.Registry.Pull(reference);

        var labels = RunningImage.Labels(reference);
        string Label(string name) => labels[$"org.opencontainers.image.{name}"];
        Assert.Equal("1.2.3", Label("version"));
        Assert.Equal(_release.Repository.HeadCommit, Label("revision"));
        Assert.Equal("https://github.com/Acme-Corp/store", Label("source"));
        Assert.Equal(DateTimeOffset.Parse(_release.Repository.Git("show", "-s", "--format=%cI", "HEAD")).UtcDateTime, DateTimeOffset.Parse(Label("created")).UtcDateTime);
        // Built on this machine's stand-in for the base image, the image says so.
        if (RunningImage.Labels("mcr.microsoft.com/dotnet/aspnet:10.0").ContainsKey("dev.keel.image.stand-in"))
            Assert.True(labels.ContainsKey("dev.keel.image.stand-in"), string.Join(", ", labels.Keys));

        var health = await RunningImage.GetJsonAsync(reference, "/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("1.2.3", health.GetProperty("version").GetString());
        // A build on a developer's machine is a Debug build, and says so.
        Assert.Equal("Debug", (await RunningImage.GetJsonAsync(reference, "/version")).GetProperty("configuration").GetString());
    }

    [Fact]
    public void ThePasswordNeverAppearsInOutputLogOrProcessList()
    {
        Assert.True(_release.Push.ExitCode == 0, _release.Push.Output);
        Assert.DoesNotContain(SecureRegistry.Password, _release.Push.Output);
        Assert.DoesNotContain(SecureRegistry.Password, _release.Push.LogFile);
        Assert.NotEmpty(_release.Push.CommandLines);
        // The sampler saw the build at work (docker build runs for seconds), so it would have seen a password too.
        Assert.Contains(_release.Push.CommandLines, line => line.Contains("docker") && line.Contains(" build "));
        Assert.DoesNotContain(_release.Push.CommandLines, line => line.Contains(SecureRegistry.Password));
    }

    [Fact]
    public void ARegistryThatHandsOutBearerTokensLikeGhcrIoGetsEveryTagVerified()
    {
        using var registry = new SecureRegistry(bearerTokens: true);
        // The way the publish workflow runs it: owner and user from GitHub's variables (the password is no GITHUB_TOKEN:
        // that goes to ghcr.io only).
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string>
        {
            ["REGISTRY_PASSWORD"] = SecureRegistry.Password,
            ["GITHUB_ACTOR"] = SecureRegistry.Username,
            ["GITHUB_REPOSITORY_OWNER"] = "Acme-Corp",
        }, "PushImage", "--skip", "Test", "--registry", registry.Address);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(6, registry.Client.Tags(Path).Count);
        var digest = Assert.Single(registry.Client.Tags(Path).Select(tag => registry.Client.Digest(Path, tag)).Distinct());
        Assert.Contains($"Verified in {registry.Address}: 6 tags resolve to {digest}", run.Output);
        // docker fetched a push token for the immutable tags; the build's own client, with the same login, fetched a pull
        // token to look the tags up and a push token to point the floating tags at the digest (which it did: see above).
        Assert.Contains(registry.Tokens!.GrantedRequests, request => request.EndsWith($"{SecureRegistry.Username} repository:{Path}:push,pull"));
        Assert.Contains($"GET {SecureRegistry.Username} repository:{Path}:pull", registry.Tokens.GrantedRequests);
        Assert.DoesNotContain(SecureRegistry.Password, run.Output);
    }

    [Fact]
    public async Task WithoutARegistryTheImageGoesToTheEmbeddedOneWithoutALogin()
    {
        // The quick start on a machine where GITHUB_TOKEN happens to be set: the token is for ghcr.io, not for this.
        // The embedded registry outlives a run: a name of its own keeps earlier runs' tags out of the count.
        var name = $"embedded-{Guid.NewGuid():N}"[..20];
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string> { ["GITHUB_TOKEN"] = "a-token-for-ghcr-only" },
            "PushImage", "--skip", "Test", "--image-name", name);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Verified in localhost:5000: 6 tags resolve to", run.Output);
        Assert.DoesNotContain("docker login", run.Output);
        using var http = new HttpClient();
        using var tags = JsonDocument.Parse(await http.GetStringAsync($"http://localhost:5000/v2/acme-corp/{name}/tags/list"));
        var sha = $"sha-{_release.Repository.HeadCommit[..7]}";
        Assert.Equal(new[] { "1", "1.2", "1.2.3", "latest", "main", sha }.Order(), tags.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());
    }

    [Fact]
    public async Task TheEmbeddedRegistryRunsAndTakesThePushWhereLocalRegistrySays()
    {
        // Another port than 5000, as on a Mac whose AirPlay receiver holds 5000.
        var address = $"localhost:{SecureRegistry.FreePort()}";
        var name = $"moved-{Guid.NewGuid():N}"[..16];
        try
        {
            var run = BuildRun.Start(_release.Repository, new Dictionary<string, string>(), "PushImage", "--skip", "Test", "--image-name", name, "--local-registry", address);

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains($"Starting the local registry at {address}", run.Output);
            Assert.Contains($"Verified in {address}: 6 tags resolve to", run.Output);
            using var http = new HttpClient();
            using var tags = JsonDocument.Parse(await http.GetStringAsync($"http://{address}/v2/acme-corp/{name}/tags/list"));
            Assert.Equal(6, tags.RootElement.GetProperty("tags").GetArrayLength());
        }
        finally
        {
            LocalImages.RemoveUnder(address);
        }
    }

    [Fact]
    public async Task SomethingElseOnTheEmbeddedRegistrysPortStopsPushImageBeforeAnythingRuns()
    {
        // A web app of the developer's own holds the port, and has no page at /v2/.
        var port = SecureRegistry.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        await app.StartAsync();

        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string>(), "PushImage", "--skip", "Test", "--image-name", "blocked", "--local-registry", $"localhost:{port}");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(
            $@"Target PushImage: Something that is not a container registry answers at localhost:{port} \(HTTP 404 Not Found from http://localhost:{port}/v2/, Server: Kestrel\); stop it, or pass --local-registry localhost:\d+\.",
            run.Output);
        Assert.Contains("Nothing was run", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void AWrongPasswordFailsClearlyAndPushesNothing()
    {
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "not-the-password" },
            "PushImage", "--skip", "Test", "--registry", _release.Registry.Address, "--owner", "Acme-Corp", "--image-name", "denied", "--registry-username", SecureRegistry.Username);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"Could not log in to {_release.Registry.Address} as {SecureRegistry.Username}", run.Output);
        Assert.Contains("nothing was pushed", run.Output);
        Assert.Empty(_release.Registry.Client.Tags("acme-corp/denied"));
        Assert.DoesNotContain("not-the-password", run.Output);
    }

    [Fact]
    public void AStoppedRegistryEndsInAClearErrorAfterTheRetries()
    {
        var closed = $"127.0.0.1:{SecureRegistry.FreePort()}";
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password },
            "PushImage", "--skip", "Test", "--registry", closed, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username);

        Assert.True(run.ExitCode != 0, run.Output);
        Assert.Contains("(2/3)", run.Output);
        Assert.Contains("(3/3)", run.Output);
        Assert.Contains($"Logging in to {closed} failed 3 times", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void ARemoteRegistryWithoutPasswordFailsBeforeAnythingIsBuilt()
    {
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string>(),
            "PushImage", "--registry", "ghcr.io", "--owner", "Acme-Corp");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Target PushImage requires a password for ghcr.io: pass --registry-password, or set GITHUB_TOKEN.", run.Output);
        Assert.DoesNotContain("── Compile", run.Output);
    }

    [Fact]
    public void AGitHubTokenIsNeverSentToARegistryOtherThanGhcrIo()
    {
        const string token = "ghs-a-token-meant-for-ghcr-io-81f0";
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string> { ["GITHUB_TOKEN"] = token },
            "PushImage", "--registry", "127.0.0.1:5999", "--owner", "Acme-Corp");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Target PushImage requires a password for the registry: pass --registry-password, or set REGISTRY_PASSWORD (GITHUB_TOKEN is only ever sent to ghcr.io).", run.Output);
        Assert.DoesNotContain("── Compile", run.Output);
        Assert.DoesNotContain(token, run.Output + run.LogFile);
        Assert.DoesNotContain(run.CommandLines, line => line.Contains("docker") && line.Contains(" login "));
    }

    [Fact]
    public void AnImageOnTheStandInBaseGoesToNoRegistryOffThisMachine()
    {
        // This machine cannot pull the real base image; where it can, there is no stand-in to refuse.
        if (!RunningImage.Labels("mcr.microsoft.com/dotnet/aspnet:10.0").ContainsKey("dev.keel.image.stand-in"))
            return;

        // registry.invalid is never reached: the build stops before anything is built or pushed.
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "not-used-anywhere" },
            "PushImage", "--skip", "Test", "--registry", "registry.invalid", "--owner", "Acme-Corp", "--image-name", "off-machine");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the local stand-in for it (Debian and this machine's .NET runtime) only goes to a registry on this machine, not registry.invalid; build where mcr.microsoft.com/dotnet/aspnet:10.0 can be pulled, or pass --allow-stand-in-base", run.Output);
        Assert.DoesNotContain("> docker build", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void ABaseImageTheUserNamedThatCannotBePulledIsNeverStoodIn()
    {
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password },
            "PushImage", "--skip", "Test", "--registry", _release.Registry.Address, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username,
            "--image-name", "typo", "--base-image", "mcr.microsoft.com/dotnet/aspnett:10.0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("src/Store/Dockerfile:5: mcr.microsoft.com/dotnet/aspnett:10.0 cannot be pulled (", run.Output);
        Assert.DoesNotContain("stand-in", run.Output);
        Assert.DoesNotContain("> docker build", run.Output);
        Assert.Empty(_release.Registry.Client.Tags("acme-corp/typo"));
        Assert.Equal(1, Shell.Run("docker", ["image", "inspect", "mcr.microsoft.com/dotnet/aspnett:10.0"]).ExitCode);
    }
}
