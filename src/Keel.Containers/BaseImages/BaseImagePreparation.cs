using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Everything a Dockerfile's build reads, made ready before any <c>docker build</c> runs: the Dockerfile's stages are
/// read (<see cref="DockerfileReader"/>), and every image the build needs (not the stages a BuildKit build skips) is
/// found in the engine's store, pulled, or stood in (<see cref="BaseImageResolver"/>). One that can be none of these
/// fails in one line naming the Dockerfile's line. Images of another platform are named by their local name in a copy
/// of the Dockerfile, line for line.
/// </summary>
internal sealed class BaseImagePreparation(DockerTool docker, BaseImageResolver resolver, AbsolutePath rootDirectory, AbsolutePath temporaryDirectory)
{
    /// <summary>The build argument a host-publish Dockerfile names its base image with.</summary>
    public const string BaseImageArgument = "BASE_IMAGE";

    /// <summary>Resolves every image the build of <paramref name="settings"/> for <paramref name="platform"/> reads, and returns the build to run.</summary>
    public PreparedBuild Prepare(DockerBuildSettings settings, ContainerPlatform platform, BaseImage baseImage, string registry)
    {
        var (dockerfile, settingsWithArgs) = Read(settings, platform, baseImage);
        // Every image is checked (found, pulled, or its stand-in chosen) before any stand-in is made.
        var checks = Requests(dockerfile, settingsWithArgs, platform, baseImage, registry).Select(r => (r.Image, Make: resolver.Check(r.Request))).ToList();
        var replacements = new List<(DockerfileImage, string)>();
        foreach (var (image, make) in checks)
        {
            var local = make();
            if (local != image.Reference)
                replacements.Add((image, local));
        }

        if (replacements.Count == 0)
            return new PreparedBuild(settingsWithArgs, dockerfile.Path);
        var copy = temporaryDirectory / "dockerfiles" / $"{Guid.NewGuid():N}"[..12];
        Directory.CreateDirectory(copy);
        var file = copy / "Dockerfile";
        File.WriteAllText(file, DockerfileRewrite.Apply(dockerfile, replacements));
        // BuildKit reads a Dockerfile's own ignore file from beside it.
        var source = settings.File ?? Path.Combine(settings.Context, "Dockerfile");
        if (File.Exists(source + ".dockerignore"))
            File.Copy(source + ".dockerignore", file + ".dockerignore");
        return new PreparedBuild(settingsWithArgs with { File = file }, dockerfile.Path, copy);
    }

    /// <summary>For <c>--plan</c>: each image the build reads and what would happen to it; nothing is pulled or made.</summary>
    public IReadOnlyList<string> Describe(DockerBuildSettings settings, ContainerPlatform platform, BaseImage baseImage, string registry)
    {
        var (dockerfile, withArgs) = Read(settings, platform, baseImage);
        return [.. Requests(dockerfile, withArgs, platform, baseImage, registry).Select(r => $"{r.Request.Where} {r.Request.Reference} for {r.Request.Platform}: {resolver.Predict(r.Request)}")];
    }

    private (Dockerfile, DockerBuildSettings) Read(DockerBuildSettings settings, ContainerPlatform platform, BaseImage baseImage)
    {
        if (!Directory.Exists(settings.Context))
            throw new BuildException($"The image's build context {settings.Context} does not exist; create it, or point the build at the folder that holds the app.");
        var path = settings.File ?? Path.Combine(settings.Context, "Dockerfile");
        if (!File.Exists(path))
            throw new BuildException($"There is no Dockerfile at {path}; add one (FROM the base image, COPY the published app), or point the build at the one the app has.");
        var shown = Path.GetRelativePath(rootDirectory, path) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : path;
        var text = File.ReadAllText(path);
        var platformArgs = DockerfileReader.PlatformArgs(Engine, platform);
        // The base image goes in as BASE_IMAGE where the Dockerfile declares that global ARG and the build passed none:
        // read with it first, as a FROM $BASE_IMAGE without a default names no image without it.
        if (baseImage.Name.Length > 0 && !settings.BuildArgs.ContainsKey(BaseImageArgument))
        {
            var args = new SortedDictionary<string, string>(settings.BuildArgs.ToDictionary(), StringComparer.Ordinal) { [BaseImageArgument] = baseImage.Name };
            var withBase = DockerfileReader.Read(shown, text, args, platformArgs);
            if (withBase.GlobalArgs.Contains(BaseImageArgument))
                return (withBase, settings with { BuildArgs = args });
        }

        return (DockerfileReader.Read(shown, text, settings.BuildArgs, platformArgs), settings);
    }

    private IEnumerable<(DockerfileImage Image, BaseImageRequest Request)> Requests(Dockerfile dockerfile, DockerBuildSettings settings, ContainerPlatform platform, BaseImage baseImage, string registry)
    {
        var engine = Engine;
        foreach (var image in dockerfile.ExternalImages(settings.Target, skipsUnusedStages: docker.Builder != DockerBuilder.Classic))
        {
            var where = $"{dockerfile.Path}:{image.Line}";
            var readFor = image.Platform is { Length: > 0 } named ? ContainerPlatform.Parse(named, $"{where}: --platform") : platform;
            var isBase = image.Reference == baseImage.Name;
            // The build's base image goes by its own rule; other official images may stand in for images that stay on this machine, or anywhere where the base image may.
            var rule = isBase ? baseImage.StandIn : baseImage.StandIn == StandInRule.Anywhere ? StandInRule.Anywhere : StandInRule.ThisMachineOnly;
            yield return (image, new BaseImageRequest(image.Reference, where, readFor, readFor.RunsOn(engine.ToString()), rule, isBase ? baseImage.Recipe : null, registry, baseImage.AllowAnywhereHint));
        }
    }

    private ContainerPlatform Engine => ContainerPlatform.Parse(docker.EnginePlatform, "The Docker engine's platform");
}

/// <summary>A build whose images are all there: run it with <see cref="Run"/>.</summary>
/// <param name="Settings">What to build, with the Dockerfile to build from (a platform's copy where it needed one).</param>
/// <param name="Dockerfile">The user's Dockerfile, as messages name it.</param>
/// <param name="Copy">The folder of the platform's copy of the Dockerfile, removed after the build; null when none was needed.</param>
internal sealed record PreparedBuild(DockerBuildSettings Settings, string Dockerfile, string? Copy = null)
{
    /// <summary>Builds and returns the image's id; a restore that could not get its packages is said in one line.</summary>
    public string Run(DockerTool docker)
    {
        try
        {
            return docker.Build(Settings);
        }
        catch (ProcessFailedException e) when (RestoreFailure.Explain(Dockerfile, e.Result.Output.Select(l => l.Text)) is { } explained)
        {
            throw new BuildException(explained);
        }
        finally
        {
            if (Copy is not null && Directory.Exists(Copy))
                Directory.Delete(Copy, recursive: true);
        }
    }
}
