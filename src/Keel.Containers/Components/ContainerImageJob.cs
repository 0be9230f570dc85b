using Keel.Components;

namespace Keel.Containers;

/// <summary>
/// What <see cref="IContainerImage"/>'s targets compute from its parameters: the registry, the platforms, the image's
/// name, its plan and images (one (platform, plan) pair a platform), the credentials, and the steps over those images.
/// One per run (<see cref="ContainerImageJobAttribute"/>): the platforms and the plan are made once, the first time a
/// target asks, as the parameters, the version and the source stay what they are for the run.
/// </summary>
internal sealed class ContainerImageJob(IContainerImage build)
{
    private IReadOnlyList<ContainerPlatform>? _platforms;
    private ImageSet? _images;
    private IReadOnlyList<string>? _built;

    public const string CredentialsHint = "--registry-username and --registry-password (or GITHUB_TOKEN for ghcr.io)";

    public const string LocalRegistryOption = "--local-registry";

    /// <summary>The parameter names the build's errors point at: the registry's is --local-registry's while that gives it.</summary>
    private ImageNameParameters NameParameters =>
        new(build.Registry is null ? nameof(IContainerImage.LocalRegistry) : nameof(IContainerImage.Registry), nameof(IContainerImage.Owner), nameof(IContainerImage.ImageName));

    public string TargetRegistry => build.Registry ?? build.LocalRegistry;

    public bool PushesToLocalRegistry => TargetRegistry == build.LocalRegistry;

    /// <summary>linux/amd64,linux/arm64 or linux/amd64 linux/arm64, each checked before anything runs; this machine's own when none.</summary>
    public IReadOnlyList<ContainerPlatform> Platforms => _platforms ??= build.Platforms.Length == 0
        ? [ContainerPlatform.ThisMachine]
        : [.. build.Platforms.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => ContainerPlatform.Parse(p, "--platforms"))
            .DistinctBy(p => p.ToString())];

    /// <summary>GITHUB_TOKEN is for ghcr.io alone: no other registry ever sees it, and the embedded one asks for no login.</summary>
    public string? Password =>
        build.RegistryPassword ?? (RegistryCredentials.TakesGitHubToken(TargetRegistry) ? build.GitHubToken : null);

    public bool HasPassword => Password is not null || PushesToLocalRegistry;

    /// <summary>A local push needs no account, so it needs no real owner either.</summary>
    public string Owner => build.Owner ?? build.Containers.Source.Owner ?? (PushesToLocalRegistry ? "local"
        : throw new BuildException("The image has no owner: pass --owner, or set GITHUB_REPOSITORY_OWNER."));

    public string Name => build.ImageName ?? build.DefaultImageName;

    /// <summary>The image's name from the registry, owner and name: checked before anything runs, so a typo costs no build.</summary>
    public string Repository => ImageNames.Repository(TargetRegistry, Owner, Name, NameParameters);

    /// <summary>The plan's image for each platform: what BuildImage builds, SmokeTest runs and PushImage pushes.</summary>
    public ImageSet Images => _images ??= ImageSet.Of(ImageTagPolicy.Plan(new ImageRequest
    {
        Registry = TargetRegistry,
        Owner = Owner,
        Name = Name,
        Parameters = NameParameters,
        Version = ImageVersion.From(build.Versioning),
        Source = build.Containers.Source,
        Description = build.ImageDescription,
        Licenses = build.ImageLicenses,
        PullRequestImages = build.PullRequestImages,
        PullRequestImagesHint = "pass --pull-request-images",
    }), Platforms);

    /// <summary>
    /// Whether the event lets this run publish its image; a pull request's or merge queue's run without
    /// --pull-request-images stops before anything runs, saying so in one line.
    /// </summary>
    public bool MayPush => Images.Plan.PushRefusal is { } refusal ? throw new BuildException(refusal) : true;

    /// <summary>
    /// The base image: the parameter, else the build's default (the Dockerfile's BASE_IMAGE argument, where it has one).
    /// The official .NET images may be stood in where they cannot be pulled, unless the user named another base image;
    /// an image built on a stand-in stays on this machine unless the user allows it.
    /// </summary>
    public BaseImage Base
    {
        get
        {
            var named = build.BaseImage is { } chosen && chosen != build.DefaultBaseImage;
            var standIn = named ? StandInRule.Never : build.AllowStandInBase ? StandInRule.Anywhere : StandInRule.ThisMachineOnly;
            return new BaseImage(build.BaseImage ?? build.DefaultBaseImage ?? "") { StandIn = standIn, Recipe = build.BaseImageStandInRecipe, AllowAnywhereHint = "pass --allow-stand-in-base" };
        }
    }

    /// <summary>The settings of one platform's <c>docker build</c>: the context, the Dockerfile and the build's arguments.</summary>
    public DockerBuildSettings Settings(ContainerPlatform platform) => new()
    {
        Context = build.ImageContext,
        File = build.Dockerfile,
        BuildArgs = build.ImageBuildArguments(platform),
    };

    /// <summary>What BuildImage reads: the context (bin, obj and .git left out), the Dockerfile and .dockerignore, and what Publish wrote.</summary>
    public IEnumerable<string> Inputs()
    {
        var root = build.RootDirectory;
        yield return build.ImageContext.RelativeTo(root);
        yield return build.Dockerfile.RelativeTo(root);
        if (build is IPublish publish)
            yield return publish.PublishDirectory.RelativeTo(root);
    }

    public string[] PlanValue()
    {
        var plan = Images.Plan;
        return [.. plan.References, .. plan.Labels.Select(l => $"{l.Key}={l.Value}"), .. Platforms.Select(p => p.ToString())];
    }

    public string[] ArgumentsValue() =>
        [.. Platforms.SelectMany(p => build.ImageBuildArguments(p).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{p} {a.Key}={a.Value}"))];

    public string[] BaseValue() => Base is { Name.Length: > 0 } baseImage
        ? [.. Platforms.Select(p => $"{baseImage.Name} {p} {build.Containers.BaseImageId(baseImage, p)}")]
        : [];

    /// <summary>For --plan: each image the Dockerfile reads and whether it is there, pulled or stood in.</summary>
    public string PlanNote() => build.Containers.DescribeBaseImages(Platforms, Settings, Base, TargetRegistry);

    public string?[] ImageIds() => [.. Images.Images.Select(image => build.Containers.Docker.ImageId(image.Reference))];

    public void Build()
    {
        if (!build.ImageContext.DirectoryExists())
            throw new BuildException($"The image's build context {build.ImageContext} does not exist; create it, or point ImageContext at the folder that holds the app.");
        _built = build.Containers.Build(Images, Settings, Base);
    }

    /// <summary>
    /// The ids of the images this run built, one a platform; where BuildImage was up to date, the ids their tags name now.
    /// The smoke test and the push of a platform's part take these, not the tags: two runs of one commit on one engine
    /// (two platforms' jobs on a shared runner) tag their images alike, each over the other's.
    /// </summary>
    private IReadOnlyList<string> Built() => _built ??= [.. ImageIds().Zip(Images.Images, (id, image) => id
        ?? throw new BuildException($"There is no image {image.Reference} in the Docker engine's store; run BuildImage first."))];

    public string CheckValue()
    {
        var check = build.ImageSmokeCheck;
        return $"{check.Port} {check.Path} {check.Timeout} {check.VersionField} {check.ExpectedVersion} {check.ArchitectureField} {string.Join(',', Platforms)}";
    }

    public void SmokeTest() => build.Containers.SmokeTest(Images, Built(), build.ImageSmokeCheck);

    /// <summary>Pushes the images; the verified push is the build's job outputs and a section of its summary at once.</summary>
    public void Push() => build.Containers.Push(Images, Credentials(), CallLimit);

    /// <summary>
    /// Before a platform's part is built: the version's tags that never move do not name another commit's image in the
    /// registry (a version tagged on two commits fails in seconds, not after the build). The embedded registry is not
    /// started for it: it holds no other commit's images before this run pushes there.
    /// </summary>
    public bool VersionTagsFree => PushesToLocalRegistry || build.Containers.VersionTagsFree(Images.Plan, Credentials());

    /// <summary>A part of a distributed publish: each platform's image under its own tags alone, reported for the merge.</summary>
    public void PushPlatforms() => build.Containers.PushPlatforms(Images, Built(), Credentials(), CallLimit);

    /// <summary>
    /// The merge of a distributed publish: the platforms' images the parts pushed, checked against the digests they
    /// reported (--platform-digests), joined in one index under the version's tags. Several platforms only: one
    /// platform's image is the version's image itself.
    /// </summary>
    public void Merge()
    {
        if (Platforms.Count < 2)
            throw new BuildException($"MergeImage joins several platforms' images in one index, and --platforms names {Platforms.Count}; name them all (linux/amd64,linux/arm64), or push one platform's image with PushImage.");
        var handed = PlatformDigestList.Parse(build.PlatformDigests, Platforms, "--platform-digests");
        build.Containers.Merge(Images.Plan, Platforms, handed, Credentials(), CallLimit);
    }

    private TimeSpan CallLimit => TimeSpan.FromSeconds(build.RegistryTimeout);

    /// <summary>The login for the push, once the embedded registry runs where it is the target; none where it takes none.</summary>
    private RegistryCredentials? Credentials()
    {
        if (PushesToLocalRegistry)
            build.Containers.EnsureLocalRegistry(build.LocalRegistry);
        var username = build.RegistryUsername ?? build.EnvironmentVariables.GetValueOrDefault("GITHUB_ACTOR") ?? Owner;
        return Password is { } password ? new RegistryCredentials(username, password) : null;
    }
}
