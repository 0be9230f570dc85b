using Keel.Components;

namespace Keel.Containers;

/// <summary>
/// What <see cref="IContainerImage"/>'s targets compute from its parameters: the registry, the platforms, the image's
/// name and plan, the credentials, and the steps themselves, over one list of (platform, plan) pairs.
/// </summary>
internal static class ContainerImageJob
{
    /// <summary>The parameter names the build's errors point at: the registry's is --local-registry's while that gives it.</summary>
    private static ImageNameParameters NameParameters(IContainerImage build) =>
        new(build.Registry is null ? nameof(IContainerImage.LocalRegistry) : nameof(IContainerImage.Registry), nameof(IContainerImage.Owner), nameof(IContainerImage.ImageName));

    public const string CredentialsHint = "--registry-username and --registry-password (or GITHUB_TOKEN for ghcr.io)";

    public const string LocalRegistryOption = "--local-registry";

    public static string TargetRegistry(IContainerImage build) => build.Registry ?? build.LocalRegistry;

    public static bool PushesToLocalRegistry(IContainerImage build) => TargetRegistry(build) == build.LocalRegistry;

    /// <summary>linux/amd64,linux/arm64 or linux/amd64 linux/arm64, each checked before anything runs; this machine's own when none.</summary>
    public static IReadOnlyList<ContainerPlatform> Platforms(IContainerImage build) => build.Platforms.Length == 0
        ? [ContainerPlatform.ThisMachine]
        : [.. build.Platforms.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => ContainerPlatform.Parse(p, "--platforms"))
            .DistinctBy(p => p.ToString())];

    /// <summary>GITHUB_TOKEN is for ghcr.io alone: no other registry ever sees it, and the embedded one asks for no login.</summary>
    public static string? Password(IContainerImage build) =>
        build.RegistryPassword ?? (RegistryCredentials.TakesGitHubToken(TargetRegistry(build)) ? build.GitHubToken : null);

    public static bool HasPassword(IContainerImage build) => Password(build) is not null || PushesToLocalRegistry(build);

    /// <summary>A local push needs no account, so it needs no real owner either.</summary>
    public static string Owner(IContainerImage build) => build.Owner ?? build.Containers.Source.Owner ?? (PushesToLocalRegistry(build) ? "local"
        : throw new BuildException("The image has no owner: pass --owner, or set GITHUB_REPOSITORY_OWNER."));

    public static string Name(IContainerImage build) => build.ImageName ?? build.DefaultImageName;

    /// <summary>The image's name from the registry, owner and name: checked before anything runs, so a typo costs no build.</summary>
    public static string Repository(IContainerImage build) => ImageNames.Repository(TargetRegistry(build), Owner(build), Name(build), NameParameters(build));

    public static ImagePlan Plan(IContainerImage build) => ImageTagPolicy.Plan(new ImageRequest
    {
        Registry = TargetRegistry(build),
        Owner = Owner(build),
        Name = Name(build),
        Parameters = NameParameters(build),
        Version = ImageVersion.From(build.Versioning),
        Source = build.Containers.Source,
        Description = build.ImageDescription,
        Licenses = build.ImageLicenses,
    });

    /// <summary>
    /// The base image: the parameter, else the build's default (the Dockerfile's BASE_IMAGE argument, where it has one).
    /// The official .NET images may be stood in where they cannot be pulled, unless the user named another base image;
    /// an image built on a stand-in stays on this machine unless the user allows it.
    /// </summary>
    public static BaseImage Base(IContainerImage build)
    {
        var named = build.BaseImage is { } chosen && chosen != build.DefaultBaseImage;
        var standIn = named ? StandInRule.Never : build.AllowStandInBase ? StandInRule.Anywhere : StandInRule.ThisMachineOnly;
        return new BaseImage(build.BaseImage ?? build.DefaultBaseImage ?? "") { StandIn = standIn, Recipe = build.BaseImageStandInRecipe, AllowAnywhereHint = "pass --allow-stand-in-base" };
    }

    /// <summary>The settings of one platform's <c>docker build</c>: the context, the Dockerfile and the build's arguments.</summary>
    public static DockerBuildSettings Settings(IContainerImage build, ContainerPlatform platform) => new()
    {
        Context = build.ImageContext,
        File = build.Dockerfile,
        BuildArgs = build.ImageBuildArguments(platform),
    };

    /// <summary>What BuildImage reads: the context (bin, obj and .git left out), the Dockerfile and .dockerignore, and what Publish wrote.</summary>
    public static IEnumerable<string> Inputs(IContainerImage build)
    {
        var root = build.RootDirectory;
        yield return build.ImageContext.RelativeTo(root);
        yield return build.Dockerfile.RelativeTo(root);
        if (build is IPublish publish)
            yield return publish.PublishDirectory.RelativeTo(root);
    }

    public static string[] PlanValue(IContainerImage build)
    {
        var plan = Plan(build);
        return [.. plan.References, .. plan.Labels.Select(l => $"{l.Key}={l.Value}"), .. Platforms(build).Select(p => p.ToString())];
    }

    public static string[] ArgumentsValue(IContainerImage build) =>
        [.. Platforms(build).SelectMany(p => build.ImageBuildArguments(p).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{p} {a.Key}={a.Value}"))];

    public static string[] BaseValue(IContainerImage build) => Base(build) is { Name.Length: > 0 } baseImage
        ? [.. Platforms(build).Select(p => $"{baseImage.Name} {p} {build.Containers.BaseImageId(baseImage, p)}")]
        : [];

    /// <summary>For --plan: each image the Dockerfile reads and whether it is there, pulled or stood in.</summary>
    public static string PlanNote(IContainerImage build) =>
        build.Containers.DescribeBaseImages(Platforms(build), platform => Settings(build, platform), Base(build), TargetRegistry(build));

    public static string?[] ImageIds(IContainerImage build) =>
        [.. Plan(build).PerPlatform(Platforms(build)).Select(plan => build.Containers.Docker.ImageId(plan.References[0]))];

    public static void Build(IContainerImage build)
    {
        if (!build.ImageContext.DirectoryExists())
            throw new BuildException($"The image's build context {build.ImageContext} does not exist; create it, or point ImageContext at the folder that holds the app.");
        build.Containers.Build(Plan(build), Platforms(build), platform => Settings(build, platform), Base(build));
    }

    public static string CheckValue(IContainerImage build)
    {
        var check = build.ImageSmokeCheck;
        return $"{check.Port} {check.Path} {check.Timeout} {check.VersionField} {check.ExpectedVersion} {check.ArchitectureField} {string.Join(',', Platforms(build))}";
    }

    public static void SmokeTest(IContainerImage build)
    {
        var platforms = Platforms(build);
        var plans = Plan(build).PerPlatform(platforms);
        for (var i = 0; i < plans.Count; i++)
            build.Containers.SmokeTest(plans[i].References[0], build.ImageSmokeCheck, platforms[i]);
    }

    public static void Push(IContainerImage build)
    {
        if (PushesToLocalRegistry(build))
            build.Containers.EnsureLocalRegistry(build.LocalRegistry);
        var password = Password(build);
        var username = build.RegistryUsername ?? build.EnvironmentVariables.GetValueOrDefault("GITHUB_ACTOR") ?? Owner(build);
        build.Containers.Push(Plan(build), Platforms(build), password is null ? null : new RegistryCredentials(username, password), TimeSpan.FromSeconds(build.RegistryTimeout));
    }
}
