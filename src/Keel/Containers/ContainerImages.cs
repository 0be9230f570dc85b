using System.Net.Http.Json;
using System.Text.Json;
using Keel.Machine;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Container images for a build: make sure the engine and base image are there, build with the policy's tags
/// and labels, run a smoke test, push (immutable tags first) and verify every tag through the registry API.
/// </summary>
public sealed class ContainerImages
{
    private readonly IKeelBuild _build;
    private readonly MachineSetup _machine;
    private readonly ILogger _log;
    private SourceContext? _source;
    private bool _engineAnswered;

    public ContainerImages(IKeelBuild build, MachineFacts facts)
    {
        _build = build;
        _log = build.Log;
        _machine = new MachineSetup(build.Processes, build.Tools, facts, build.Log);
    }

    /// <summary>What is being built (ref, commit, default branch, owner), from GitHub Actions or git.</summary>
    public SourceContext Source => _source ??= new SourceContextReader(_build.Git, _build.EnvironmentVariables).Read();

    public Retry Retry { get; init; } = Retry.Default;

    /// <summary>Makes sure a Docker engine answers; checked once per run, as building and pushing both need it.</summary>
    public void EnsureEngine()
    {
        if (_engineAnswered)
            return;
        new DockerEngine(_build.Docker, _machine, _build.TemporaryDirectory, _log).EnsureRunning();
        _engineAnswered = true;
    }

    public void EnsureLocalRegistry() => new LocalRegistry(_build.Docker, _machine, _build.TemporaryDirectory, _log).EnsureRunning();

    /// <summary>Builds the image with every tag of the plan and its labels; the base image is made locally when it cannot be pulled.</summary>
    public string Build(ImagePlan plan, DockerBuildSettings settings, string baseImage)
    {
        EnsureEngine();
        new BaseImageStandIn(_build.Docker, _machine, _build.Processes, _build.Tools, _build.TemporaryDirectory, _log).Ensure(baseImage);
        var id = _build.Docker.Build(settings with
        {
            Tags = [.. plan.References, .. settings.Tags],
            Labels = new SortedDictionary<string, string>(plan.Labels.Concat(settings.Labels).ToDictionary(), StringComparer.Ordinal),
            BuildArgs = new SortedDictionary<string, string>(settings.BuildArgs.ToDictionary(), StringComparer.Ordinal) { ["BASE_IMAGE"] = baseImage },
        });
        _log.Information("Built {Image} ({Id}) as {Tags}", plan.Repository, id, string.Join(", ", plan.Tags));
        return id;
    }

    /// <summary>Runs the image, waits for its health endpoint to answer 200 with the expected version, and removes it.</summary>
    public void SmokeTest(string reference, string expectedVersion, string healthPath = "/health", int port = 8080)
    {
        var container = _build.Docker.Run("run", "--detach", "--publish", $"127.0.0.1::{port}", reference).StandardOutput.Trim();
        try
        {
            var address = _build.Docker.Query("port", container, $"{port}/tcp").StandardOutput.Split('\n')[0].Trim();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string? version = null;
            string last = "no answer";
            var healthy = MachineSetup.WaitFor(() =>
            {
                try
                {
                    using var response = http.GetAsync($"http://{address}{healthPath}").GetAwaiter().GetResult();
                    last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                    if (!response.IsSuccessStatusCode)
                        return false;
                    var body = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
                    version = body.TryGetProperty("version", out var v) ? v.GetString() : null;
                    return true;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    last = e.Message;
                    return false;
                }
            }, TimeSpan.FromSeconds(60));

            if (!healthy)
            {
                var logs = _build.Docker.Query("logs", "--tail", "20", container).Output.Select(l => l.Text);
                throw new BuildException($"{reference} did not answer {healthPath} with 200 within 60 s (last: {last}). Container log: {string.Join(" | ", logs)}");
            }

            if (version != expectedVersion)
                throw new BuildException($"{reference} answers {healthPath} with version '{version}', expected '{expectedVersion}'.");
            _log.Information("Smoke test passed: {Reference} answers {Path} with version {Version}.", reference, healthPath, version);
        }
        finally
        {
            _build.Docker.Query("rm", "--force", container);
        }
    }

    /// <summary>
    /// Logs in (credentials in a DOCKER_CONFIG of the build's own, removed afterwards), pushes immutable tags first
    /// and floating ones last, then checks through the registry API that every tag resolves to the pushed digest.
    /// </summary>
    public PushResult Push(ImagePlan plan, RegistryCredentials? credentials)
    {
        EnsureEngine();
        var docker = _build.Docker;
        var config = _build.TemporaryDirectory / "docker-config" / Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(config);
        docker.ConfigDirectory = config;
        try
        {
            if (credentials is not null)
                Login(plan.Registry, credentials);

            var digests = plan.References
                .Select(reference => Retry.Run($"Pushing {reference}", () => docker.Push(reference), RegistryErrors.IsTransient, _log))
                .Distinct()
                .ToList();
            if (digests.Count != 1)
                throw new BuildException($"The tags of {plan.Repository} were pushed with different digests ({string.Join(", ", digests)}); push again.");

            Verify(plan, digests[0], credentials);
            _build.Outputs.Report("image", plan.Repository);
            _build.Outputs.Report("digest", digests[0]);
            _build.Outputs.Report("tags", string.Join('\n', plan.References));
            _log.Information("Pushed {Repository}@{Digest} as {Tags}", plan.Repository, digests[0], string.Join(", ", plan.Tags));
            return new PushResult(plan.Repository, digests[0], [.. plan.Tags.Select(t => t.Name)]);
        }
        finally
        {
            if (credentials is not null)
                docker.Logout(plan.Registry);
            docker.ConfigDirectory = null;
            Directory.Delete(config, recursive: true);
        }
    }

    private void Login(string registry, RegistryCredentials credentials)
    {
        try
        {
            Retry.Run($"Logging in to {registry}", () =>
            {
                _build.Docker.Login(registry, credentials.Username, credentials.Password);
                return true;
            }, RegistryErrors.IsTransient, _log);
        }
        catch (ProcessFailedException e)
        {
            throw new BuildException($"Could not log in to {registry} as {credentials.Username}: {RegistryErrors.Reason(e)}. Check --registry-username and --registry-password (or GITHUB_TOKEN); nothing was pushed.");
        }
    }

    private void Verify(ImagePlan plan, string digest, RegistryCredentials? credentials)
    {
        using var registry = new RegistryClient(plan.Registry, credentials?.Username, credentials?.Password);
        foreach (var tag in plan.Tags)
        {
            var actual = Retry.Run($"Checking {plan.Path}:{tag}", () => registry.ManifestDigestAsync(plan.Path, tag.Name).GetAwaiter().GetResult(), RegistryErrors.IsTransient, _log);
            if (actual != digest)
                throw new BuildException($"{plan.Path}:{tag} resolves to {actual ?? "nothing"} in {plan.Registry}, not to the pushed {digest}.");
        }

        _log.Information("Verified in {Registry}: {Count} tags resolve to {Digest}.", plan.Registry, plan.Tags.Count, digest);
    }
}
