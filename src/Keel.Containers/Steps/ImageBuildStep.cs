namespace Keel.Containers;

/// <summary>
/// Builds each platform's image of an <see cref="ImageSet"/> with its tags and labels, after making ready everything
/// the builds read: emulation for the platforms this machine runs only under it, and every image of every platform's
/// Dockerfile (in the engine's store, pulled, or stood in where the rules allow it).
/// </summary>
internal sealed class ImageBuildStep(StepContext context)
{
    /// <summary>Builds the images, in the set's order, and returns their ids.</summary>
    public IReadOnlyList<string> Run(ImageSet images, Func<ContainerPlatform, DockerBuildSettings> settingsFor, BaseImage baseImage)
    {
        context.EnsureEngine();
        var engine = context.EnginePlatform;
        var emulated = images.Platforms.Where(p => !p.RunsOn(engine.ToString())).ToList();
        context.Emulation().EnsureFor(emulated.Select(p => p.Architecture), engine.Architecture);
        // The engine's own platform is named only where several images must each be of theirs.
        var settings = images.Images.Select(image => (image.Platform, Tagged(image, settingsFor(image.Platform), namesPlatform: images.IsIndex || emulated.Contains(image.Platform)))).ToList();
        using var builds = context.BaseImages().Prepare(settings, baseImage, images.Plan.Registry);
        var ids = new List<string>();
        foreach (var (image, build) in images.Images.Zip(builds.All))
        {
            var id = build.Run(context.Docker);
            context.Log.Information("Built {Image} for {Platform} ({Id}) as {Tags}", images.Plan.Repository, image.Platform, id, string.Join(", ", image.Plan.Tags));
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>For <c>--plan</c>: each image each platform's build reads, and what will happen to it; nothing is pulled, made or built.</summary>
    public string Describe(IReadOnlyList<ContainerPlatform> platforms, Func<ContainerPlatform, DockerBuildSettings> settingsFor, BaseImage baseImage, string registry)
    {
        var preparation = context.BaseImages();
        return string.Join('\n', context.OrEngine(platforms).SelectMany(platform => preparation.Describe(settingsFor(platform), platform, baseImage, registry)).Distinct());
    }

    /// <summary>The local id of the base image a platform's image is built from; null while it is not there, or no engine answers.</summary>
    public string? BaseImageId(BaseImage baseImage, ContainerPlatform platform) =>
        context.Docker.TryEnginePlatform() is { } engine
            ? context.Docker.ImageId(BaseImageStandIn.LocalReference(baseImage.Name, platform, native: platform.RunsOn(engine)))
            : null;

    /// <summary>The build's settings with the image's tags and labels (before the build's own), and its platform where named.</summary>
    private static DockerBuildSettings Tagged(PlatformImage image, DockerBuildSettings settings, bool namesPlatform) => settings with
    {
        Tags = [.. image.Plan.References, .. settings.Tags],
        Labels = new SortedDictionary<string, string>(image.Plan.Labels.Concat(settings.Labels).ToDictionary(), StringComparer.Ordinal),
        Platforms = namesPlatform ? [image.Platform.ToString()] : settings.Platforms,
    };
}
