using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// ./build.sh PushImage, for real: a throwaway git repository tagged v1.2.3, the Docker engine, and a registry
/// with TLS and a password standing in for ghcr.io. The Test target is skipped here: these runs prove the image
/// job, and the tests themselves run in the Test target.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PushImageTests : IClassFixture<PushImageTests.Release>
{
    public sealed class Release : IDisposable
    {
        public Release()
        {
            Registry = new SecureRegistry();
            Repository = new ThrowawayRepository();
            Repository.Git("tag", "v1.2.3");
            Push = BuildRun.Start(Repository, new Dictionary<string, string> { ["GITHUB_TOKEN"] = SecureRegistry.Password },
                "PushImage", "--skip", "Test", "--registry", Registry.Address, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username);
        }

        public SecureRegistry Registry { get; }
        public ThrowawayRepository Repository { get; }
        public BuildRun Push { get; }

        public void Dispose()
        {
            // An embedded registry that a run here started keeps its data in this repository: it goes with it.
            var pidFile = System.IO.Path.Combine(Repository.Path, ".nuke", "temp", "registry", "registry.pid");
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
        var config = Directory.CreateTempSubdirectory("keel-e2e-docker-").FullName;
        try
        {
            var docker = new Dictionary<string, string> { ["DOCKER_CONFIG"] = config };
            var login = Shell.Run("docker", ["login", _release.Registry.Address, "--username", SecureRegistry.Username, "--password-stdin"], environment: docker, input: SecureRegistry.Password);
            Assert.True(login.ExitCode == 0, login.Output);
            var pull = Shell.Run("docker", ["pull", reference], environment: docker);
            Assert.True(pull.ExitCode == 0, pull.Output);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }

        using var labels = JsonDocument.Parse(Shell.Check("docker", "image", "inspect", "--format", "{{json .Config.Labels}}", reference));
        string Label(string name) => labels.RootElement.GetProperty($"org.opencontainers.image.{name}").GetString()!;
        Assert.Equal("1.2.3", Label("version"));
        Assert.Equal(_release.Repository.HeadCommit, Label("revision"));
        Assert.Equal("https://github.com/Acme-Corp/store", Label("source"));
        Assert.Equal(DateTimeOffset.Parse(_release.Repository.Git("show", "-s", "--format=%cI", "HEAD")).UtcDateTime, DateTimeOffset.Parse(Label("created")).UtcDateTime);

        var port = SecureRegistry.FreePort();
        var container = Shell.Check("docker", "run", "--detach", "--publish", $"127.0.0.1:{port}:8080", reference);
        try
        {
            using var http = new HttpClient();
            JsonElement? health = null;
            for (var i = 0; i < 120 && health is null; i++)
            {
                try
                {
                    health = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/health")).RootElement;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }

            Assert.NotNull(health);
            Assert.Equal("healthy", health!.Value.GetProperty("status").GetString());
            Assert.Equal("1.2.3", health.Value.GetProperty("version").GetString());
        }
        finally
        {
            Shell.Run("docker", ["rm", "--force", container]);
        }
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
        // The way the publish workflow runs it: owner, user and password from GitHub's variables.
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = SecureRegistry.Password,
            ["GITHUB_ACTOR"] = SecureRegistry.Username,
            ["GITHUB_REPOSITORY_OWNER"] = "Acme-Corp",
        }, "PushImage", "--skip", "Test", "--registry", registry.Address);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(6, registry.Client.Tags(Path).Count);
        var digest = Assert.Single(registry.Client.Tags(Path).Select(tag => registry.Client.Digest(Path, tag)).Distinct());
        Assert.Contains($"Verified in {registry.Address}: 6 tags resolve to {digest}", run.Output);
        // docker fetched a push token; the build's own check fetched a pull-only token, with the same login.
        Assert.Contains(registry.Tokens!.GrantedRequests, request => request.EndsWith($"{SecureRegistry.Username} repository:{Path}:pull,push") || request.EndsWith($"{SecureRegistry.Username} repository:{Path}:push,pull"));
        Assert.Contains($"GET {SecureRegistry.Username} repository:{Path}:pull", registry.Tokens.GrantedRequests);
        Assert.DoesNotContain(SecureRegistry.Password, run.Output);
    }

    [Fact]
    public void ATagPushRunAsThePublishWorkflowRunsItPublishesTheReleaseTags()
    {
        using var checkout = ThrowawayRepository.CheckedOutLikeGitHubActions(_release.Repository, "refs/tags/v1.2.3");
        var runner = Directory.CreateTempSubdirectory("keel-e2e-runner-").FullName;
        try
        {
            var eventFile = System.IO.Path.Combine(runner, "event.json");
            File.WriteAllText(eventFile, """{ "ref": "refs/tags/v1.2.3", "repository": { "full_name": "Acme-Corp/store", "default_branch": "main", "owner": { "login": "Acme-Corp" } } }""");
            var outputs = System.IO.Path.Combine(runner, "outputs");
            var summary = System.IO.Path.Combine(runner, "summary.md");
            // What GitHub sets for the publish workflow's PushImage step, with this registry in place of ghcr.io.
            var run = BuildRun.Start(checkout, new Dictionary<string, string>
            {
                ["GITHUB_ACTIONS"] = "true",
                ["GITHUB_EVENT_NAME"] = "push",
                ["GITHUB_EVENT_PATH"] = eventFile,
                ["GITHUB_REF"] = "refs/tags/v1.2.3",
                ["GITHUB_SHA"] = checkout.HeadCommit,
                ["GITHUB_REPOSITORY"] = "Acme-Corp/store",
                ["GITHUB_REPOSITORY_OWNER"] = "Acme-Corp",
                ["GITHUB_SERVER_URL"] = "https://github.com",
                ["GITHUB_ACTOR"] = SecureRegistry.Username,
                ["GITHUB_TOKEN"] = SecureRegistry.Password,
                ["GITHUB_OUTPUT"] = outputs,
                ["GITHUB_STEP_SUMMARY"] = summary,
                ["REGISTRY"] = _release.Registry.Address,
            }, "PushImage", "--skip", "Test", "--image-name", "released");

            Assert.True(run.ExitCode == 0, run.Output);
            const string released = "acme-corp/released";
            var sha = $"sha-{checkout.HeadCommit[..7]}";
            Assert.Equal(new[] { "1", "1.2", "1.2.3", "latest", sha }.Order(), _release.Registry.Client.Tags(released));
            var digest = _release.Registry.Client.Digest(released, "1.2.3");
            Assert.Contains($"digest={digest}", File.ReadAllLines(outputs));
            Assert.Contains(digest, File.ReadAllText(summary));
            Assert.Contains("::group::PushImage", run.Output);
            // The password reaches the output once, in the command that tells the runner to mask it.
            Assert.All(run.Output.Split('\n').Where(line => line.Contains(SecureRegistry.Password)), line => Assert.StartsWith("::add-mask::", line));
        }
        finally
        {
            Directory.Delete(runner, recursive: true);
        }
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
        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string> { ["GITHUB_TOKEN"] = SecureRegistry.Password },
            "PushImage", "--skip", "Test", "--registry", closed, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username);

        Assert.NotEqual(0, run.ExitCode);
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
        Assert.Contains("Target PushImage requires a password for the registry: pass --registry-password, or set GITHUB_TOKEN.", run.Output);
        Assert.DoesNotContain("── Compile", run.Output);
    }

    [Fact]
    public void PlatformsThatCannotBeBuiltFailBeforeAnythingIsBuilt()
    {
        // This machine's docker clients have no buildx plugin; where one has it, the build would rightly go on.
        if (Shell.Run("docker", ["buildx", "version"]).ExitCode == 0)
            return;

        var run = BuildRun.Start(_release.Repository, new Dictionary<string, string>(), "BuildImage", "--platforms", "linux/arm64");
        var several = BuildRun.Start(_release.Repository, new Dictionary<string, string>(), "BuildImage", "--platforms", "linux/amd64", "linux/arm64");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Target BuildImage requires docker buildx to build for --platforms: install the buildx plugin, or leave --platforms empty.", run.Output);
        Assert.DoesNotContain("── Compile", run.Output);
        Assert.Equal(1, several.ExitCode);
        Assert.Contains("Target BuildImage requires one platform at a time: an image for several needs a multi-platform push, which PushImage does not do; pass one, e.g. --platforms linux/arm64.", several.Output);
        Assert.DoesNotContain("── Compile", several.Output);
    }
}
