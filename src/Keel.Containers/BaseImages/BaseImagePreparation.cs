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

    /// <summary>
    /// Resolves every image each platform's build reads, and returns the builds to run, in order. Every image of every
    /// platform is checked (found, pulled, or its stand-in chosen) before any stand-in is made, so that a platform that
    /// cannot be built stops the build before anything is made; the platforms' copies of the Dockerfile are removed when
    /// anything fails, and when the builds are disposed.
    /// </summary>
    public PreparedBuilds Prepare(IReadOnlyList<(ContainerPlatform Platform, DockerBuildSettings Settings)> builds, BaseImage baseImage, string registry)
    {
        var checks = builds.Select(build =>
        {
            var (dockerfile, withArgs) = Read(build.Settings, build.Platform, baseImage);
            var makes = Requests(dockerfile, withArgs, build.Platform, baseImage, registry).Select(r => (r.Image, Make: resolver.Check(r.Request))).ToList();
            return (Dockerfile: dockerfile, Settings: withArgs, Makes: makes);
        }).ToList();
        var prepared = new PreparedBuilds();
        try
        {
            foreach (var (dockerfile, settings, makes) in checks)
                prepared.Add(Prepared(dockerfile, settings, [.. makes.Select(m => (m.Image, Local: m.Make())).Where(m => m.Local != m.Image.Reference)]));
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>The build as it is, or from a copy of the Dockerfile that names the replaced images by their local names.</summary>
    private PreparedBuild Prepared(Dockerfile dockerfile, DockerBuildSettings settings, IReadOnlyList<(DockerfileImage Image, string Local)> replacements)
    {
        if (replacements.Count == 0)
            return new PreparedBuild(settings, dockerfile.Path);
        var copy = temporaryDirectory / "dockerfiles" / $"{Guid.NewGuid():N}"[..12];
        Directory.CreateDirectory(copy);
        var prepared = new PreparedBuild(settings, dockerfile.Path, copy);
        try
        {
            var file = copy / "Dockerfile";
            File.WriteAllText(file, DockerfileRewrite.Apply(dockerfile, replacements));
            // BuildKit reads a Dockerfile's own ignore file from beside it.
            var source = settings.File ?? Path.Combine(settings.Context, "Dockerfile");
            if (File.Exists(source + ".dockerignore"))
                File.Copy(source + ".dockerignore", file + ".dockerignore");
            return prepared with { Settings = settings with { File = file } };
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
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
