using Keel;
using Keel.Components;
using Keel.Containers;
using Keel.Tooling;

partial class Build
{
    // Containers: build, smoke-test and push the app's image. On a fresh Debian machine run as root, the build installs
    // Docker and the embedded registry itself, so the quick start needs nothing else.
    [ContainerImages(InstallMissingTools = true, CredentialsHint = "--registry-username and --registry-password (or GITHUB_TOKEN for ghcr.io)")]
    readonly ContainerImages Containers = null!;

    [Parameter("Registry to push to, host[:port]; the embedded registry at localhost:5000 when empty.")]
    readonly string? Registry;

    [Parameter("Owner of the image; GITHUB_REPOSITORY_OWNER, else the git remote's owner.")]
    readonly string? Owner;

    [Parameter("Name of the image.")]
    readonly string ImageName = "store";

    [Parameter("User to log in to the registry as; GITHUB_ACTOR, else the owner.")]
    readonly string? RegistryUsername;

    [Parameter("Password for the registry; for ghcr.io, GITHUB_TOKEN when empty. Other registries need it; the embedded one takes none."), Secret]
    readonly string? RegistryPassword;

    [Parameter("Platforms to build the image for, e.g. linux/amd64,linux/arm64: several make one multi-platform image; this machine's own when empty.")]
    readonly string[] Platforms = [];

    const string DefaultBaseImage = "mcr.microsoft.com/dotnet/aspnet:10.0";

    [Parameter("The runtime image the app runs on.")]
    readonly string BaseImage = DefaultBaseImage;

    [Parameter("How long, in seconds, one push or login may take before it is stopped and tried again.")]
    readonly int RegistryTimeout = 600;

    [Parameter("Publish an image built on the local stand-in base (made when the base image cannot be pulled) to a registry off this machine.")]
    readonly bool AllowStandInBase;

    string TargetRegistry => Registry ?? ContainerImages.LocalRegistryAddress;

    bool PushesToLocalRegistry => TargetRegistry == ContainerImages.LocalRegistryAddress;

    // linux/amd64,linux/arm64 or linux/amd64 linux/arm64, each checked before anything runs; this machine's own when none.
    IReadOnlyList<ContainerPlatform> ImagePlatforms => Platforms.Length == 0
        ? [ContainerPlatform.ThisMachine]
        : [.. Platforms.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => ContainerPlatform.Parse(p, "--platforms"))
            .DistinctBy(p => p.ToString())];

    // The app is published once per platform, for its runtime identifier, into bin/publish/<rid>: the Dockerfile's APP.
    public IReadOnlyList<string> PublishRuntimes => [.. ImagePlatforms.Select(p => p.RuntimeIdentifier).Distinct()];

    // GITHUB_TOKEN is for ghcr.io alone: no other registry ever sees it, and the embedded one asks for no login.
    string? Password => RegistryPassword ?? (RegistryCredentials.TakesGitHubToken(TargetRegistry) ? GitHubToken : null);

    // Only the default base image may be stood in (Keel knows the official .NET images), and an image on the stand-in
    // stays on this machine unless asked.
    BaseImage Base => new(BaseImage)
    {
        StandIn = BaseImage != DefaultBaseImage ? StandInRule.Never : AllowStandInBase ? StandInRule.Anywhere : StandInRule.ThisMachineOnly,
        AllowAnywhereHint = "pass --allow-stand-in-base",
    };

    const int AppPort = 8080;
    const string HealthPath = "/health";

    // A local push needs no account, so it needs no real owner either.
    string ImageOwner => Owner ?? Containers.Source.Owner ?? (PushesToLocalRegistry ? "local"
        : throw new BuildException("The image has no owner: pass --owner, or set GITHUB_REPOSITORY_OWNER."));

    // The image's name from --registry, --owner and --image-name: checked before anything runs, so a typo costs no build.
    string Repository => ImageNames.Repository(TargetRegistry, ImageOwner, ImageName, NameParameters);

    // A bad registry, owner or name is reported against the parameter that gave it.
    static readonly ImageNameParameters NameParameters = new(nameof(Registry), nameof(Owner), nameof(ImageName));

    ImagePlan Image => ImageTagPolicy.Plan(new ImageRequest
    {
        Registry = TargetRegistry,
        Owner = ImageOwner,
        Name = ImageName,
        Parameters = NameParameters,
        Version = ImageVersion.From(GitVersion),
        Source = Containers.Source,
        Description = "The Store web app.",
        Licenses = "MIT",
    });

    Target BuildImage => _ => _
        .Description("Builds the app's image for each platform, tagged and labelled from GitVersion.")
        .DependsOn<ITest>(x => x.Test)
        .DependsOn<IPublish>(x => x.Publish)
        // Up to date while the published app, the Dockerfile, the tags and labels and the base image are the same,
        // and every platform's image is still in the engine's store.
        .Inputs(() => [PublishDirectory.RelativeTo(RootDirectory), "src/Store/Dockerfile", "src/Store/.dockerignore"])
        .InputValue("image", () => (string[])[.. Image.References, .. Image.Labels.Select(l => $"{l.Key}={l.Value}"), .. ImagePlatforms.Select(p => p.ToString())])
        .InputValue("base", () => (string[])[.. ImagePlatforms.Select(p => $"{BaseImage} {p} {Containers.BaseImageId(Base, p)}")])
        .OutputValue("image", () => (string?[])[.. Image.PerPlatform(ImagePlatforms).Select(plan => Containers.Docker.ImageId(plan.References[0]))])
        .Requires(() => ImageNames.Host(TargetRegistry, nameof(Registry)).Length > 0)
        .Requires(() => Repository.Length > 0)
        .Requires(() => ImagePlatforms.Count > 0)
        // An image for another processor is smoke-tested under emulation, which a machine without it must be able to set up.
        .Requires(() => Containers.CanRun(ImagePlatforms))
        .PlanNote(() => Containers.DescribeBaseImages(ImagePlatforms, ImageBuild, Base, TargetRegistry))
        .Executes(() => Containers.Build(Image, ImagePlatforms, ImageBuild, Base));

    // The app published for the platform's runtime identifier (APP), on the base image (BASE_IMAGE).
    DockerBuildSettings ImageBuild(ContainerPlatform platform) => new()
    {
        Context = RootDirectory / "src/Store",
        File = RootDirectory / "src/Store/Dockerfile",
        BuildArgs = new Dictionary<string, string> { ["APP"] = $"bin/publish/{platform.RuntimeIdentifier}" },
    };

    Target SmokeTest => _ => _
        .Description("Runs each platform's image (under emulation where this machine's processor differs) and checks that /health answers with the built version and architecture.")
        .DependsOn(BuildImage)
        .InputValue("check", () => $"{AppPort} {HealthPath} {GitVersion.SemVer} {string.Join(',', ImagePlatforms)}")
        // The app's contract: it listens on 8080 and reports its version and architecture on /health (src/Store/HealthResponse.cs).
        .Executes(() =>
        {
            var check = new SmokeCheck(AppPort, HealthPath, VersionField: "version", GitVersion.SemVer) { ArchitectureField = "architecture" };
            var plans = Image.PerPlatform(ImagePlatforms);
            for (var i = 0; i < plans.Count; i++)
                Containers.SmokeTest(plans[i].References[0], check, ImagePlatforms[i]);
        });

    Target PushImage => _ => _
        .Description("Pushes the image (immutable tags first; several platforms as one index) and checks every tag in the registry.")
        .DependsOn(SmokeTest)
        .Requires(() => RegistryTimeout > 0, "--registry-timeout above 0 seconds")
        .Requires(() => Password is not null || PushesToLocalRegistry || !RegistryCredentials.TakesGitHubToken(TargetRegistry),
            "a password for ghcr.io: pass --registry-password, or set GITHUB_TOKEN")
        .Requires(() => Password is not null || PushesToLocalRegistry || RegistryCredentials.TakesGitHubToken(TargetRegistry),
            "a password for the registry: pass --registry-password, or set REGISTRY_PASSWORD (GITHUB_TOKEN is only ever sent to ghcr.io)")
        .Executes(() =>
        {
            if (PushesToLocalRegistry)
                Containers.EnsureLocalRegistry();
            var username = RegistryUsername ?? EnvironmentVariables.GetValueOrDefault("GITHUB_ACTOR") ?? ImageOwner;
            Containers.Push(Image, ImagePlatforms, Password is null ? null : new RegistryCredentials(username, Password), TimeSpan.FromSeconds(RegistryTimeout));
        });
}
