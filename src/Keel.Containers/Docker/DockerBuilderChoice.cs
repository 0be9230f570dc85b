namespace Keel.Containers;

/// <summary>A docker client on this machine: its path, its version, and whether the buildx plugin answers through it.</summary>
internal sealed record DockerClient(string Executable, string Version, bool HasBuildx);

/// <summary>
/// Pure: which client builds, and with which builder. BuildKit skips the stages a target does not need and has no
/// deprecation banner, so it is preferred wherever the engine runs it (Linux engines from 18.09): buildx through the
/// first client that has it; else BuildKit through DOCKER_BUILDKIT=1 in the first client before 23.0, where it is built
/// in (23.0 and later refuse it without buildx); else the classic builder through the first client.
/// </summary>
internal static class DockerBuilderChoice
{
    public static (DockerClient Client, DockerBuilder Builder, string Reason) Choose(IReadOnlyList<DockerClient> clients, string engineVersion, string engineOs)
    {
        var first = clients[0];
        if (!EngineRunsBuildKit(engineVersion, engineOs))
            return (first, DockerBuilder.Classic, $"the engine ({engineOs} {engineVersion}) has no BuildKit");
        if (clients.FirstOrDefault(c => c.HasBuildx) is { } withBuildx)
            return (withBuildx, DockerBuilder.Buildx, "it has the buildx plugin");
        if (clients.FirstOrDefault(c => Major(c.Version) is > 0 and < 23) is { } builtIn)
            return (builtIn, DockerBuilder.BuildKit, builtIn == first
                ? "a client before 23.0 has BuildKit built in"
                : $"it has BuildKit built in, which {first.Executable} ({first.Version}) lacks without buildx");
        return (first, DockerBuilder.Classic, "no client here has buildx or BuildKit built in; install the buildx plugin to build with BuildKit");
    }

    private static bool EngineRunsBuildKit(string version, string os)
    {
        var parts = version.Split('.', '-', '+');
        return os == "linux" && parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor)
            && (major > 18 || (major == 18 && minor >= 9));
    }

    private static int Major(string version) => int.TryParse(version.Split('.')[0], out var major) ? major : 0;
}
