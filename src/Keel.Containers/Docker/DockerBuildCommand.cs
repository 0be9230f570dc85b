using Keel.Tooling;
namespace Keel.Containers;

/// <summary>Pure: the argument list and environment of a build for a given builder.</summary>
internal static class DockerBuildCommand
{
    public static (IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment) For(DockerBuildSettings settings, DockerBuilder builder, string imageIdFile)
    {
        // Every builder builds for one platform whose base image is in the engine's store; several at once need buildx.
        if (builder != DockerBuilder.Buildx && (settings.Platforms.Count > 1 || settings.CacheFrom.Count > 0 || settings.CacheTo.Count > 0 || settings.Push))
            throw new BuildException("Building for several platforms at once, build caches and pushing while building need docker buildx, which this docker client does not have; install the buildx plugin, or build one platform at a time.");

        var arguments = new List<string>();
        arguments.AddRange(builder == DockerBuilder.Buildx ? ["buildx", "build"] : ["build"]);
        if (settings.File is not null)
            arguments.AddRange(["--file", settings.File]);
        foreach (var tag in settings.Tags)
            arguments.AddRange(["--tag", tag]);
        foreach (var (key, value) in settings.Labels)
            arguments.AddRange(["--label", $"{key}={value}"]);
        foreach (var (key, value) in settings.BuildArgs)
            arguments.AddRange(["--build-arg", $"{key}={value}"]);
        if (settings.Target is not null)
            arguments.AddRange(["--target", settings.Target]);
        if (settings.Platforms.Count > 0)
            arguments.AddRange(["--platform", string.Join(',', settings.Platforms)]);
        foreach (var cache in settings.CacheFrom)
            arguments.AddRange(["--cache-from", cache]);
        foreach (var cache in settings.CacheTo)
            arguments.AddRange(["--cache-to", cache]);
        if (builder == DockerBuilder.Buildx)
        {
            // Registry pushes carry no provenance attestation: GHCR shows those as unknown/unknown platforms.
            arguments.AddRange(["--provenance=false", settings.Push ? "--push" : "--load"]);
        }

        arguments.AddRange(["--iidfile", imageIdFile, settings.Context]);
        var environment = new Dictionary<string, string?>
        {
            ["DOCKER_BUILDKIT"] = builder == DockerBuilder.Classic ? "0" : "1",
        };
        return (arguments, environment);
    }
}
