namespace Keel.Containers;

/// <summary>
/// Container images for a build: make sure the engine and base images are there, build with the policy's tags and
/// labels, run a smoke test, push (immutable tags first) and verify every tag through the registry API. Each step is a
/// piece of its own over one list of (platform, plan) pairs; this is their entry point for a build.
/// </summary>
public sealed class ContainerImages
{
    private readonly IKeelBuild _build;
    private readonly StepContext _context;
    private readonly ImageBuildStep _builder;
    private readonly SmokeTestStep _smokeTest;
    private readonly ImagePushStep _pusher;
    private SourceContext? _source;

    /// <param name="build">The build whose processes, log and folders the images use.</param>
    /// <param name="options">What the build allows and how its own options are named; <see cref="ContainerOptions"/>' defaults when null.</param>
    public ContainerImages(IKeelBuild build, ContainerOptions? options = null)
    {
        _build = build;
        _context = new StepContext(build, options ?? new ContainerOptions());
        (_builder, _smokeTest, _pusher) = (new(_context), new(_context), new(_context));
    }

    /// <summary>The embedded registry's default address (host:port): <see cref="EnsureLocalRegistry"/> starts it there unless told otherwise.</summary>
    public const string LocalRegistryAddress = LocalRegistry.DefaultAddress;

    public ContainerOptions Options => _context.Options;

    /// <summary>The docker command line, for what the image steps do not cover.</summary>
    public DockerTool Docker => _context.Docker;

    /// <summary>What is being built (ref, commit, default branch, owner), from GitHub Actions or git.</summary>
    public SourceContext Source => _source ??= new SourceContextReader(_build.Git, KeelBuild.Host, _build.EnvironmentVariables).Read();

    /// <summary>
    /// Makes sure a Docker engine answers; checked once per run, as building, smoke-testing and pushing all need it.
    /// Containers that runs killed before their cleanup left on it are removed then.
    /// </summary>
    public void EnsureEngine() => _context.EnsureEngine();

    /// <summary>
    /// Makes sure the embedded registry answers at <paramref name="address"/> (host:port on this machine), starting it
    /// where nothing does. What answers there must speak the registry API; something else holding the port stops the
    /// build in one line, before anything is pushed.
    /// </summary>
    public void EnsureLocalRegistry(string address = LocalRegistryAddress) => _context.LocalRegistryAt(address).EnsureRunning();

    /// <summary>
    /// Whether the embedded registry can run at <paramref name="address"/>: a registry answers there, or nothing does.
    /// Checked before anything runs, it changes nothing; the error names what holds the port and how to get past it.
    /// </summary>
    public bool CanRunLocalRegistry(string address = LocalRegistryAddress)
    {
        _context.LocalRegistryAt(address).Check();
        return true;
    }

    /// <summary>
    /// Whether this machine can run every platform's image for its smoke test, natively or under emulation it already
    /// has or can set up (root, binfmt_misc); checked before anything runs, it changes nothing. The error names what is missing.
    /// </summary>
    public bool CanRun(IReadOnlyList<ContainerPlatform> platforms)
    {
        var machine = ContainerPlatform.ThisMachine;
        _context.Emulation().Check(platforms.Where(p => !p.RunsOn(machine.ToString())).Select(p => p.Architecture), machine.Architecture);
        return true;
    }

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
    public IReadOnlyList<string> Build(ImagePlan plan, IReadOnlyList<ContainerPlatform> platforms, Func<ContainerPlatform, DockerBuildSettings> settingsFor, BaseImage baseImage) =>
        Build(Images(plan, platforms), settingsFor, baseImage);

    internal IReadOnlyList<string> Build(ImageSet images, Func<ContainerPlatform, DockerBuildSettings> settingsFor, BaseImage baseImage) =>
        _builder.Run(images, settingsFor, baseImage);

    /// <summary>
    /// The local id of the base image a platform's image is built from, null while it is not there: an input of the
    /// build's up-to-date check, so a new base image for any platform rebuilds that image. Null too while no engine
    /// answers (it has not been started yet): unknown, and the image's own id is unknown then, so the image is built.
    /// </summary>
    public string? BaseImageId(BaseImage baseImage, ContainerPlatform platform) => _builder.BaseImageId(baseImage, platform);

    /// <summary>
    /// For <c>--plan</c> (a target's plan note): each image the build of each platform reads, where its Dockerfile names
    /// it, and whether it is in the engine's store, will be pulled, or stood in. Nothing is pulled, made or built.
    /// </summary>
    public string DescribeBaseImages(IReadOnlyList<ContainerPlatform> platforms, Func<ContainerPlatform, DockerBuildSettings> settingsFor, BaseImage baseImage, string registry) =>
        _builder.Describe(platforms, settingsFor, baseImage, registry);

    /// <summary>
    /// Runs the image and asks what the check asks (<see cref="SmokeCheck"/>: by default that it stays up and answers
    /// GET / on its port with a status below 500), then removes it; a failure is one line saying what it saw. For one
    /// platform's image (null: the engine's own) it runs under emulation where the engine's processor differs: the image
    /// must be that platform's, and where the check names the field, the app must report that platform's architecture.
    /// </summary>
    public void SmokeTest(string reference, SmokeCheck check, ContainerPlatform? platform = null) => _smokeTest.Run(reference, check, platform);

    /// <summary>Smoke-tests each platform's image of the set, each run by its id (<paramref name="ids"/>, in order).</summary>
    internal void SmokeTest(ImageSet images, IReadOnlyList<string> ids, SmokeCheck check) => _smokeTest.Run(images, ids, check);

    /// <summary>
    /// Logs in (credentials in a DOCKER_CONFIG of the build's own, removed afterwards) and publishes the images
    /// <see cref="Build(ImagePlan, IReadOnlyList{ContainerPlatform}, Func{ContainerPlatform, DockerBuildSettings}, BaseImage)"/>
    /// made, so that immutable tags never move: when they already name this commit's image (a re-run), that image stays
    /// and nothing is pushed again; when they name another commit's, the push fails before anything is written. Floating
    /// tags are pointed at the digest last, once every immutable tag is verified through the registry API.
    /// One platform (or none) is pushed as one image under the plan's tags. Several are pushed each under its own
    /// immutable tags, then joined in one OCI image index under the plan's tags, by the same rules; the index is read
    /// back: every tag names it, and it lists each platform's pushed manifest, whose config is that platform's.
    /// Release tags (latest, X, X.Y) move only forward: one that names a later release stays, said in one line and in
    /// <see cref="PushResult.Held"/>. A plan the event may not publish (a pull request's without the opt-in,
    /// <see cref="ImagePlan.PushRefusal"/>) stops in one line before anything is done.
    /// Once verified, the push is the build's job outputs (<see cref="ImageOutputs"/>) and a section of its summary.
    /// </summary>
    /// <param name="plan">What to push.</param>
    /// <param name="platforms">The platforms the images were built for; none: the engine's own.</param>
    /// <param name="credentials">The login, or null for a registry that takes none.</param>
    /// <param name="callLimit">How long one push or login may take before it is stopped (and tried again); 10 minutes when null.</param>
    public PushResult Push(ImagePlan plan, IReadOnlyList<ContainerPlatform> platforms, RegistryCredentials? credentials, TimeSpan? callLimit = null)
    {
        ImagePushStep.EnsureMayPush(plan);
        return Push(Images(plan, platforms), credentials, callLimit);
    }

    /// <summary>Pushes the images, and reports the verified push at once: a later target's failure does not lose it.</summary>
    internal PushResult Push(ImageSet images, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        var pushed = _pusher.Run(images, credentials, callLimit);
        ImageOutputs.Report(_build.Outputs, pushed);
        return pushed;
    }

    /// <summary>
    /// A part of a distributed publish: the built images, each pushed under its platform's own immutable tags alone
    /// (1.2.3-linux-arm64), reported as the job's outputs (<see cref="ImageOutputs.PlatformDigests"/>) for the merge.
    /// </summary>
    internal IReadOnlyList<PlatformPush> PushPlatforms(ImageSet built, IReadOnlyList<string> ids, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        var pushed = _pusher.RunParts(ImageSet.Parts(built.Plan, built.Platforms), ids, credentials, callLimit);
        ImageOutputs.Report(_build.Outputs, pushed);
        return pushed;
    }

    /// <summary>
    /// Before a platform's part is built: the version's tags that never move, where the registry answers at once, must not
    /// name another commit's image (<see cref="ImagePushStep.EnsureVersionTagsFree"/>).
    /// </summary>
    internal bool VersionTagsFree(ImagePlan plan, RegistryCredentials? credentials) => _pusher.EnsureVersionTagsFree(plan, credentials);

    /// <summary>
    /// The merge of a distributed publish: the parts' images, each checked in the registry against the digest its part
    /// reported (by platform), joined in one index under the plan's tags, reported as a push is.
    /// </summary>
    internal PushResult Merge(ImagePlan plan, IReadOnlyList<ContainerPlatform> platforms, IReadOnlyDictionary<string, string> handed, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        var merged = _pusher.RunMerge(ImageSet.Parts(plan, platforms), handed, credentials, callLimit);
        ImageOutputs.Report(_build.Outputs, merged);
        return merged;
    }

    /// <summary>The plan's image for each platform; where the build names none, the engine's own.</summary>
    private ImageSet Images(ImagePlan plan, IReadOnlyList<ContainerPlatform> platforms)
    {
        if (platforms.Count == 0)
            _context.EnsureEngine();
        return ImageSet.Of(plan, _context.OrEngine(platforms));
    }
}
