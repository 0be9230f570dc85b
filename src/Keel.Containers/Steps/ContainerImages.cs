using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Container images for a build: make sure the engine and base image are there, build with the policy's tags
/// and labels, run a smoke test, push (immutable tags first) and verify every tag through the registry API.
/// </summary>
public sealed partial class ContainerImages
{
    private readonly IKeelBuild _build;
    private readonly MachineSetup _machine;
    private readonly MachineFacts _facts;
    private readonly ILogger _log;
    private readonly List<PushResult> _pushed = [];
    private SourceContext? _source;
    private bool _engineAnswered;

    /// <param name="build">The build whose processes, log and folders the images use.</param>
    /// <param name="options">What the build allows and how its own options are named; <see cref="ContainerOptions"/>' defaults when null.</param>
    public ContainerImages(IKeelBuild build, ContainerOptions? options = null)
    {
        _build = build;
        _log = build.Log;
        Options = options ?? new ContainerOptions();
        _facts = Options.Machine ?? MachineFacts.ForThisMachine();
        _machine = new MachineSetup(build.Processes, build.Tools, _facts, build.Log, Options.InstallMissingTools);
        Docker = new DockerTool(build.Processes, build.Tools, build.RootDirectory, build.Log);
    }

    /// <summary>The embedded registry's default address (host:port): <see cref="EnsureLocalRegistry"/> starts it there unless told otherwise.</summary>
    public const string LocalRegistryAddress = LocalRegistry.DefaultAddress;

    public ContainerOptions Options { get; }

    /// <summary>The docker command line, for what the image steps do not cover.</summary>
    public DockerTool Docker { get; }

    /// <summary>What this run pushed, in order.</summary>
    public IReadOnlyList<PushResult> Pushed => _pushed;

    /// <summary>Raised once a push is verified in the registry.</summary>
    public event Action<PushResult>? PushVerified;

    /// <summary>What is being built (ref, commit, default branch, owner), from GitHub Actions or git.</summary>
    public SourceContext Source => _source ??= new SourceContextReader(_build.Git, _build.EnvironmentVariables).Read();

    internal Retry Retry { get; init; } = Retry.Default;

    /// <summary>
    /// Makes sure a Docker engine answers; checked once per run, as building, smoke-testing and pushing all need it.
    /// Containers that runs killed before their cleanup left on it are removed then.
    /// </summary>
    public void EnsureEngine()
    {
        if (_engineAnswered)
            return;
        new DockerEngine(Docker, _machine, _facts, _build.EnvironmentVariables, _build.TemporaryDirectory, _log).EnsureRunning();
        _engineAnswered = true;
        new AbandonedResources(Docker, _log).RemoveContainers();
    }

    /// <summary>
    /// Makes sure the embedded registry answers at <paramref name="address"/> (host:port on this machine), starting it
    /// where nothing does. What answers there must speak the registry API; something else holding the port stops the
    /// build in one line, before anything is pushed.
    /// </summary>
    public void EnsureLocalRegistry(string address = LocalRegistryAddress) => LocalRegistryAt(address).EnsureRunning();

    /// <summary>
    /// Whether the embedded registry can run at <paramref name="address"/>: a registry answers there, or nothing does.
    /// Checked before anything runs, it changes nothing; the error names what holds the port and how to get past it.
    /// </summary>
    public bool CanRunLocalRegistry(string address = LocalRegistryAddress)
    {
        LocalRegistryAt(address).Check();
        return true;
    }

    private LocalRegistry LocalRegistryAt(string address) =>
        new(LocalRegistry.Parse(address, Options.LocalRegistryOption), Docker, _machine, _build.TemporaryDirectory, _log, Options.LocalRegistryOption);

    /// <summary>
    /// Builds the image with every tag of the plan and its labels, for the engine's platform. When the base image cannot
    /// be pulled, a stand-in is made locally where the base image's rule allows it for the plan's registry; otherwise
    /// nothing is built.
    /// </summary>
    public string Build(ImagePlan plan, DockerBuildSettings settings, BaseImage baseImage) =>
        Build(plan, [], _ => settings, baseImage)[0];

    /// <summary>
    /// Builds one image per platform (none: the engine's own), each from the settings the build gives for it (the app
    /// published for that platform's runtime identifier), and returns their ids. Before anything is built, every image
    /// each build reads (every FROM and COPY --from of the stages it needs) is there for its platform: in the engine's
    /// store, pulled, or a local stand-in where Keel knows the image and the rules allow it (the base image's, passed as
    /// BASE_IMAGE where the Dockerfile declares that ARG); one that can be none of these stops the build in one line.
    /// One platform's image carries the plan's tags; with several, each carries its own (<see cref="ImagePlan.ForPlatform"/>)
    /// and <see cref="Push(ImagePlan, IReadOnlyList{ContainerPlatform}, RegistryCredentials?, TimeSpan?)"/> joins them
    /// under the plan's tags. Platforms this machine runs only under emulation get it first, before anything is built.
    /// </summary>
    public IReadOnlyList<string> Build(ImagePlan plan, IReadOnlyList<ContainerPlatform> platforms, Func<ContainerPlatform, DockerBuildSettings> settingsFor, BaseImage baseImage)
    {
        EnsureEngine();
        var engine = EnginePlatform;
        IReadOnlyList<ContainerPlatform> targets = platforms.Count == 0 ? [engine] : platforms;
        var emulated = targets.Where(p => !p.RunsOn(engine.ToString())).ToList();
        Emulation().EnsureFor(emulated.Select(p => p.Architecture), engine.Architecture);
        var plans = plan.PerPlatform(targets);
        var builds = targets.Select((platform, i) => (platform, Tagged(settingsFor(platform), plans[i], platform, enginesAlone: !emulated.Contains(platform) && platforms.Count <= 1))).ToList();
        // Every platform's copy of the Dockerfile goes afterwards, also those of builds that never ran.
        using var prepared = BaseImages().Prepare(builds, baseImage, plan.Registry);
        var ids = new List<string>();
        for (var i = 0; i < targets.Count; i++)
        {
            var id = prepared.All[i].Run(Docker);
            _log.Information("Built {Image} for {Platform} ({Id}) as {Tags}", plan.Repository, targets[i], id, string.Join(", ", plans[i].Tags));
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>The build's settings with the platform's tags and labels (before the build's own), and its platform unless it is the engine's alone.</summary>
    private static DockerBuildSettings Tagged(DockerBuildSettings settings, ImagePlan plan, ContainerPlatform platform, bool enginesAlone) => settings with
    {
        Tags = [.. plan.References, .. settings.Tags],
        Labels = new SortedDictionary<string, string>(plan.Labels.Concat(settings.Labels).ToDictionary(), StringComparer.Ordinal),
        Platforms = enginesAlone ? settings.Platforms : [platform.ToString()],
    };

    /// <summary>
    /// Whether this machine can run every platform's image for its smoke test, natively or under emulation it already
    /// has or can set up (root, binfmt_misc); checked before anything runs, it changes nothing. The error names what is missing.
    /// </summary>
    public bool CanRun(IReadOnlyList<ContainerPlatform> platforms)
    {
        var machine = ContainerPlatform.ThisMachine;
        Emulation().Check(platforms.Where(p => !p.RunsOn(machine.ToString())).Select(p => p.Architecture), machine.Architecture);
        return true;
    }

    /// <summary>
    /// The local id of the base image a platform's image is built from, null while it is not there: an input of the
    /// build's up-to-date check, so a new base image for any platform rebuilds that image. Null too while no engine
    /// answers (it has not been started yet): unknown, and the image's own id is unknown then, so the image is built.
    /// </summary>
    public string? BaseImageId(BaseImage baseImage, ContainerPlatform platform) =>
        Docker.TryEnginePlatform() is { } engine
            ? Docker.ImageId(BaseImageStandIn.LocalReference(baseImage.Name, platform, native: platform.RunsOn(engine)))
            : null;

    /// <summary>The engine's own platform, as the platforms to build are named.</summary>
    private ContainerPlatform EnginePlatform => ContainerPlatform.Parse(Docker.EnginePlatform, "The Docker engine's platform");

    private Emulation Emulation() => new(_machine, _build.Processes, _build.Tools, _facts, _log);

    /// <summary>
    /// Runs the image and asks what the check asks (<see cref="SmokeCheck"/>: by default that it stays up and answers
    /// GET / on its port with a status below 500), then removes it; a failure is one line saying what it saw. For one
    /// platform's image (null: the engine's own) it runs under emulation where the engine's processor differs: the image
    /// must be that platform's, and where the check names the field, the app must report that platform's architecture.
    /// </summary>
    public void SmokeTest(string reference, SmokeCheck check, ContainerPlatform? platform = null)
    {
        EnsureEngine();
        new SmokeTestRun(Docker, () => EnginePlatform, _log, Cancellation).Run(reference, check, platform);
    }

    /// <summary>
    /// Logs in (credentials in a DOCKER_CONFIG of the build's own, removed afterwards) and publishes the images
    /// <see cref="Build(ImagePlan, IReadOnlyList{ContainerPlatform}, Func{ContainerPlatform, DockerBuildSettings}, BaseImage)"/>
    /// made, so that immutable tags never move: when they already name this commit's image (a re-run), that image stays
    /// and nothing is pushed again; when they name another commit's, the push fails before anything is written. Floating
    /// tags are pointed at the digest last, once every immutable tag is verified through the registry API.
    /// One platform (or none) is pushed as one image under the plan's tags. Several are pushed each under its own
    /// immutable tags, then joined in one OCI image index under the plan's tags, by the same rules; the index is read
    /// back: every tag names it, and it lists each platform's pushed manifest, whose config is that platform's.
    /// </summary>
    /// <param name="plan">What to push.</param>
    /// <param name="platforms">The platforms the images were built for; none: the engine's own.</param>
    /// <param name="credentials">The login, or null for a registry that takes none.</param>
    /// <param name="callLimit">How long one push or login may take before it is stopped (and tried again); 10 minutes when null.</param>
    public PushResult Push(ImagePlan plan, IReadOnlyList<ContainerPlatform> platforms, RegistryCredentials? credentials, TimeSpan? callLimit = null)
    {
        EnsureEngine();
        var configs = _build.TemporaryDirectory / "docker-config";
        new AbandonedResources(Docker, _log).RemoveCredentials(configs);
        // Named for this process, so a later run can tell a folder an interrupted run left behind from a live run's.
        var config = configs / $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(config);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var docker = Docker.WithConfig(config);
        try
        {
            using var registry = new RegistryClient(plan.Registry, credentials?.Username, credentials?.Password) { CredentialsHint = Options.CredentialsHint };
            if (credentials is not null)
                Login(docker, registry, plan.Registry, credentials, callLimit);
            var digest = new RegistryPublication(docker, registry, callLimit, Retry, _log, Cancellation).Publish(plan, platforms);
            _log.Information("Pushed {Repository}@{Digest} as {Tags}", plan.Repository, digest, string.Join(", ", plan.Tags));
            var result = new PushResult(plan.Repository, digest, [.. plan.Tags.Select(t => t.Name)]);
            _pushed.Add(result);
            PushVerified?.Invoke(result);
            return result;
        }
        finally
        {
            // Also after Ctrl-C or a failure: log out (cleanup runs on its own time limit), then the folder goes,
            // whatever the logout said.
            try
            {
                if (credentials is not null)
                    docker.Logout(plan.Registry);
            }
            catch (Exception e) when (e is BuildException or IOException)
            {
                _log.Warning("Logging out of {Registry} failed ({Reason}); the credentials folder is removed all the same.", plan.Registry, e.Message);
            }
            finally
            {
                Directory.Delete(config, recursive: true);
            }
        }
    }

    private CancellationToken Cancellation => _build.Processes.CancellationToken;

    /// <summary>A registry operation, retried while its failures are passing ones, and stopped by Ctrl-C.</summary>
    private T Retried<T>(string what, Func<T> operation) => Retry.Run(what, operation, RegistryErrors.IsTransient, _log, Cancellation);

    /// <summary>
    /// docker login, tried again while it fails for a passing reason. A failure that reads as refused credentials is
    /// put to the registry itself (<see cref="RegistryClient.CheckLoginAsync"/>): only its refusal of the credentials
    /// is called a rejected login; when it takes them, or meets a fault of its own, docker login is tried again.
    /// </summary>
    private void Login(DockerTool docker, RegistryClient client, string registry, RegistryCredentials credentials, TimeSpan? callLimit)
    {
        try
        {
            Retried($"Logging in to {registry}", () =>
            {
                try
                {
                    docker.Login(registry, credentials.Username, credentials.Password, callLimit);
                }
                catch (ProcessFailedException e) when (RegistryErrors.MayBeRefusedCredentials(e))
                {
                    var check = client.CheckLoginAsync(Cancellation).GetAwaiter().GetResult();
                    throw LoginFailure.Explain(registry, credentials.Username, Options.CredentialsHint, RegistryErrors.Reason(e), check);
                }

                return true;
            });
        }
        catch (ProcessFailedException e)
        {
            throw new BuildException($"Could not log in to {registry} as {credentials.Username}: {RegistryErrors.Reason(e)}; nothing was pushed.");
        }
    }

}
