using System.Net;
using System.Net.Sockets;
using Keel.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Keel.Containers.Tests;

/// <summary>
/// The embedded registry's address, for real: a web server in this process (Kestrel) holding the port as another
/// program would (macOS AirPlay holds 5000), and Debian's docker-registry started by the build on a free port.
/// </summary>
public sealed class LocalRegistryTests
{
    /// <summary>A build that pushes to the embedded registry at --local-registry, checking it the way this repository's build does.</summary>
    private sealed class RegistryBuild : KeelBuild
    {
        [Parameter("Where the embedded registry runs.")]
        readonly string LocalRegistry = ContainerImages.LocalRegistryAddress;

        [Parameter("Whether the target checks the address before anything runs.")]
        readonly bool CheckFirst;

        private ContainerImages? _containers;

        private ContainerImages Containers => _containers ??= new ContainerImages(this, new ContainerOptions { LocalRegistryOption = "--local-registry" });

        Target PushImage => _ => _
            .Requires(() => !CheckFirst || Containers.CanRunLocalRegistry(LocalRegistry))
            .Executes(() =>
            {
                Containers.EnsureLocalRegistry(LocalRegistry);
                Log.Information("Pushing to {Registry}", LocalRegistry);
            });
    }

    /// <summary>A web server on a free loopback port that answers every request the way <paramref name="answer"/> does.</summary>
    private sealed class PortHolder : IAsyncDisposable
    {
        private readonly WebApplication _app;

        public PortHolder(RequestDelegate answer)
        {
            Port = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(IPAddress.Loopback, Port);
            });
            _app = builder.Build();
            _app.Run(answer);
            _app.StartAsync().GetAwaiter().GetResult();
        }

        public int Port { get; }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task AirPlayOnTheRegistrysPortIsNamedBeforeAnythingRuns()
    {
        // What macOS's AirPlay receiver answers on port 5000.
        await using var airPlay = new PortHolder(context =>
        {
            context.Response.StatusCode = 403;
            context.Response.Headers.Server = "AirTunes/870.14.1";
            return Task.CompletedTask;
        });
        var address = $"127.0.0.1:{airPlay.Port}";

        var outcome = TestBuild.Run<RegistryBuild>(["PushImage", "--local-registry", address, "--check-first"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Matches(
            $@"Target PushImage: Something that is not a container registry answers at {address} \(HTTP 403 Forbidden from http://{address}/v2/, Server: AirTunes/870\.14\.1\); stop it, or pass --local-registry 127\.0\.0\.1:\d+\.",
            outcome.Output);
        Assert.Contains("Nothing was run", outcome.Output);
        Assert.DoesNotContain("Pushing to", outcome.Output);
        Assert.DoesNotContain("Starting the local registry", outcome.Output);
    }

    [Fact]
    public async Task AWebAppThatAnswersEveryPathIsNoRegistryAndNothingIsPushed()
    {
        // A single-page app's server: 200 and its page for any path, /v2/ too.
        await using var app = new PortHolder(context => context.Response.WriteAsync("<!doctype html><title>Store</title>"));
        var address = $"localhost:{app.Port}";

        var outcome = TestBuild.Run<RegistryBuild>(["PushImage", "--local-registry", address]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(
            $"PushImage failed: Something that is not a container registry answers at {address} (HTTP 200 OK from http://{address}/v2/, without the registry API's Docker-Distribution-API-Version: registry/2.0 header); stop it, or pass --local-registry localhost:",
            outcome.Output);
        Assert.DoesNotContain("Pushing to", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public async Task TheEmbeddedRegistryRunsAtTheAddressTheBuildGives()
    {
        if (!File.Exists("/usr/bin/docker-registry") || !File.Exists("/sbin/start-stop-daemon") && !File.Exists("/usr/sbin/start-stop-daemon"))
            return; // Debian's registry, started in the background as the build does it on Debian and Ubuntu.
        using var root = new TempDirectory();
        var port = FreePort();
        var address = $"localhost:{port}";
        var pidFile = root.File($".nuke/temp/registry-{port}/registry.pid");
        try
        {
            var first = TestBuild.Run<RegistryBuild>(["PushImage", "--local-registry", address, "--check-first"], root: root);
            var second = TestBuild.Run<RegistryBuild>(["PushImage", "--local-registry", address, "--check-first"], root: root);

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains($"Starting the local registry at {address}", first.Output);
            Assert.Contains($"addr: 127.0.0.1:{port}", File.ReadAllText(root.File($".nuke/temp/registry-{port}/config.yml")));
            using var http = new HttpClient();
            using var answer = await http.GetAsync($"http://127.0.0.1:{port}/v2/");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("registry/2.0", answer.Headers.GetValues("Docker-Distribution-API-Version").Single());
            // Once it runs, a build uses it as it is.
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.DoesNotContain("Starting the local registry", second.Output);
            Assert.Contains($"Pushing to {address}", second.Output);
        }
        finally
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
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
        }
    }
}
