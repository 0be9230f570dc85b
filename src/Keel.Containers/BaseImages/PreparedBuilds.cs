namespace Keel.Containers;

/// <summary>
/// Every platform's build, ready to run in order (<see cref="BaseImagePreparation.Prepare"/>). Disposing removes every
/// platform's copy of the Dockerfile, also those of builds that never ran because an earlier one failed.
/// </summary>
internal sealed class PreparedBuilds : IDisposable
{
    private readonly List<PreparedBuild> _builds = [];

    public IReadOnlyList<PreparedBuild> All => _builds;

    public void Add(PreparedBuild build) => _builds.Add(build);

    public void Dispose()
    {
        foreach (var build in _builds)
            build.Dispose();
    }
}
