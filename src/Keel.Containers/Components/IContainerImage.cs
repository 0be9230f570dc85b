using Keel.Components;

namespace Keel.Containers;

/// <summary>
/// The image job, as a component: <c>BuildImage</c>, <c>SmokeTest</c> and <c>PushImage</c>, with their parameters,
/// the tag and label policy, the credential rules (GITHUB_TOKEN only ever goes to ghcr.io) and the up-to-date checks.
/// A build implements it and overrides only what differs from the defaults: where its Dockerfile and context are
/// (<see cref="ImageContext"/>, <see cref="Dockerfile"/>), its build arguments, its smoke check and its image's name.
/// In a build that has them, BuildImage waits for <c>Test</c> and <c>Publish</c>.
/// </summary>
public interface IContainerImage : IHazGitVersion
{
    [Parameter("Registry to push to, host[:port]; the embedded registry (--local-registry) when empty.")]
    string? Registry => TryGetValue(() => Registry);

    [Parameter("Where the embedded registry runs, host:port on this machine; another port when something else holds 5000 (macOS AirPlay does).")]
    string LocalRegistry => TryGetValue(() => LocalRegistry) ?? ContainerImages.LocalRegistryAddress;

    [Parameter("Owner of the image; GITHUB_REPOSITORY_OWNER, else the git remote's owner.")]
    string? Owner => TryGetValue(() => Owner);

    [Parameter("Name of the image; the build's default when empty.")]
    string? ImageName => TryGetValue(() => ImageName);

    /// <summary>The image's name when --image-name is not given: the repository's name (the root folder's without a remote).</summary>
    string DefaultImageName => (Containers.Source.RepositoryUrl?.TrimEnd('/').Split('/')[^1] ?? RootDirectory.Name).ToLowerInvariant();

    [Parameter("User to log in to the registry as; GITHUB_ACTOR, else the owner.")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername);

    [Parameter("Password for the registry; for ghcr.io, GITHUB_TOKEN when empty. Other registries need it; the embedded one takes none."), Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    [Parameter("Token for GitHub and ghcr.io; never sent to any other registry."), Secret]
    string? GitHubToken => TryGetValue(() => GitHubToken);

    [Parameter("Platforms to build the image for, e.g. linux/amd64,linux/arm64: several make one multi-platform image; this machine's own when empty.")]
    string[] Platforms => TryGetValue(() => Platforms) ?? [];

    [Parameter("The image the Dockerfile's BASE_IMAGE build argument names, when it has one; its own default when empty.")]
    string? BaseImage => TryGetValue(() => BaseImage);

    [Parameter("How long, in seconds, one push or login may take before it is stopped and tried again.")]
    int RegistryTimeout => TryGetValue<int?>(() => RegistryTimeout) ?? 600;

    [Parameter("Publish an image built on a local stand-in base (made when the base image cannot be pulled) to a registry off this machine.")]
    bool AllowStandInBase => TryGetValue(() => AllowStandInBase);

    [Parameter("Publish images of pull requests and merge queues (pull_request, pull_request_target, merge_group), as pr-N and the sha- of the commit built only; without it PushImage refuses such runs.")]
    bool PullRequestImages => TryGetValue(() => PullRequestImages);

    [Parameter("For MergeImage: each platform's pushed digest, platform=sha256:..., comma-separated, as the platforms' jobs reported them; read from each platform's own tags when empty.")]
    string[] PlatformDigests => TryGetValue(() => PlatformDigests) ?? [];

    /// <summary>The Docker engine, the registry and the base images, for this run.</summary>
    [ContainerImages]
    ContainerImages Containers => TryGetValue(() => Containers) ?? throw new BuildException("The container images were read before the build was created; read them inside a target.");

    /// <summary>This run's image job: its platforms, plan and images, made once from the parameters.</summary>
    [ContainerImageJob]
    internal ContainerImageJob Job => TryGetValue(() => Job) ?? throw new BuildException("The image job was read before the build was created; read it inside a target.");

    /// <summary>What the image steps may do on this machine (install Docker where missing, ...): the defaults unless the build says otherwise.</summary>
    ContainerOptions ContainerOptions => new();

    /// <summary>The folder <c>docker build</c> sends as its context: the root unless the build says otherwise.</summary>
    AbsolutePath ImageContext => RootDirectory;

    /// <summary>The Dockerfile: the context's own unless the build says otherwise.</summary>
    AbsolutePath Dockerfile => ImageContext / "Dockerfile";

    /// <summary>Build arguments for one platform's image.</summary>
    IReadOnlyDictionary<string, string> ImageBuildArguments(ContainerPlatform platform) => new Dictionary<string, string>();

    /// <summary>What the smoke test asks of the running image: any web app's answer on its port unless the build says otherwise.</summary>
    SmokeCheck ImageSmokeCheck => new();

    /// <summary>
    /// How to make a stand-in for the base image when it is not one of the official .NET images Keel knows (a mirror of
    /// them, say) and cannot be pulled; none: Keel's own recipe for the official images.
    /// </summary>
    StandInRecipe? BaseImageStandInRecipe => null;

    /// <summary>The image the Dockerfile's BASE_IMAGE argument names unless --base-image says otherwise; the Dockerfile's own default when null.</summary>
    string? DefaultBaseImage => null;

    /// <summary>The image's description label (org.opencontainers.image.description).</summary>
    string? ImageDescription => null;

    /// <summary>The image's licenses label, an SPDX expression (org.opencontainers.image.licenses).</summary>
    string? ImageLicenses => null;

    Target BuildImage => _ => _
        .Description("Builds the image for each platform, tagged and labelled from GitVersion.")
        .TryDependsOn<ITest>(x => x.Test)
        .TryDependsOn<IPublish>(x => x.Publish)
        // Up to date while the context, the Dockerfile, the tags and labels and the base image are the same, and every
        // platform's image is still in the engine's store.
        .Inputs(() => Job.Inputs())
        .InputValue("image", () => Job.PlanValue())
        .InputValue("arguments", () => Job.ArgumentsValue())
        .InputValue("base", () => Job.BaseValue())
        .OutputValue("image", () => Job.ImageIds())
        .Requires(() => ImageNames.Host(Job.TargetRegistry, Registry is null ? nameof(LocalRegistry) : nameof(Registry)).Length > 0)
        .Requires(() => Job.Repository.Length > 0)
        .Requires(() => Job.Platforms.Count > 0)
        // An image for another processor is smoke-tested under emulation, which a machine without it must be able to set up.
        .Requires(() => Containers.CanRun(Job.Platforms))
        .PlanNote(() => Job.PlanNote())
        .Executes(() => Job.Build());

    Target SmokeTest => _ => _
        .Description("Runs each platform's image (under emulation where this machine's processor differs) and checks that it answers.")
        .DependsOn(BuildImage)
        .InputValue("check", () => Job.CheckValue())
        .Executes(() => Job.SmokeTest());

    Target PushImage => _ => PushRequirements(_
        .Description("Pushes the image (immutable tags first; several platforms as one index) and checks every tag in the registry.")
        .DependsOn(SmokeTest))
        .Executes(() => Job.Push());

    /// <summary>
    /// What each platform's job of a distributed publish runs (<see cref="ContainerPlatformsAttribute.Runners"/>): the
    /// image built, smoke-tested and pushed under its platform's own immutable tags alone, its digest reported for the merge.
    /// </summary>
    Target PushPlatformImage => _ => PushRequirements(_
        .Description("Pushes each platform's image under its own immutable tags alone (1.2.3-linux-arm64), for MergeImage to join: a platform's job of a distributed publish.")
        .DependsOn(SmokeTest))
        // A version tagged on another commit already: said before the build, not after it.
        .Requires(() => Job.VersionTagsFree)
        .Executes(() => Job.PushPlatforms());

    /// <summary>What the merge job of a distributed publish runs, once every platform's job has pushed: no build.</summary>
    Target MergeImage => _ => PushRequirements(_
        .Description("Joins the platforms' images PushPlatformImage pushed in one index under the version's tags, then the floating ones, each platform's digest checked first.")
        .After(PushPlatformImage))
        .Executes(() => Job.Merge());

    /// <summary>What every push needs before anything runs: a registry it may push to, with a password where it takes one.</summary>
    private ITargetDefinition PushRequirements(ITargetDefinition target) => target
        .Requires(() => RegistryTimeout > 0, "--registry-timeout above 0 seconds")
        // The event decides what a run may publish: a pull request's, without the opt-in, nothing.
        .Requires(() => Job.MayPush)
        .Requires(() => !Job.PushesToLocalRegistry || Containers.CanRunLocalRegistry(LocalRegistry))
        .Requires(() => Job.HasPassword || !RegistryCredentials.TakesGitHubToken(Job.TargetRegistry),
            "a password for ghcr.io: pass --registry-password, or set GITHUB_TOKEN")
        .Requires(() => Job.HasPassword || RegistryCredentials.TakesGitHubToken(Job.TargetRegistry),
            "a password for the registry: pass --registry-password, or set REGISTRY_PASSWORD (GITHUB_TOKEN is only ever sent to ghcr.io)");
}
