namespace Keel.Containers;

/// <summary>The images a build reads: made ready before it runs, and described for <c>--plan</c>.</summary>
public sealed partial class ContainerImages
{
    /// <summary>
    /// For <c>--plan</c> (a target's plan note): each image the build of each platform reads, where its Dockerfile names
    /// it, and whether it is in the engine's store, will be pulled, or stood in. Nothing is pulled, made or built.
    /// </summary>
    public string DescribeBaseImages(IReadOnlyList<ContainerPlatform> platforms, Func<ContainerPlatform, DockerBuildSettings> settingsFor, BaseImage baseImage, string registry)
    {
        IReadOnlyList<ContainerPlatform> targets = platforms.Count == 0 ? [ContainerPlatform.Parse(Docker.EnginePlatform, "The Docker engine's platform")] : platforms;
        var preparation = BaseImages();
        return string.Join('\n', targets.SelectMany(platform => preparation.Describe(settingsFor(platform), platform, baseImage, registry)).Distinct());
    }

    private BaseImagePreparation BaseImages()
    {
        var dotnet = new DotNetInstall(_build.Tools);
        var factory = new StandInFactory(Docker, _machine, _build.Processes, _build.Tools, _build.TemporaryDirectory, dotnet, _log);
        return new BaseImagePreparation(Docker, new BaseImageResolver(Docker, factory, dotnet, _log), _build.RootDirectory, _build.TemporaryDirectory);
    }
}
