using Keel.Tooling;

namespace Keel.Containers;

/// <summary>A build whose images are all there: run it with <see cref="Run"/>; disposing it removes its copy of the Dockerfile.</summary>
/// <param name="Settings">What to build, with the Dockerfile to build from (a platform's copy where it needed one).</param>
/// <param name="Dockerfile">The user's Dockerfile, as messages name it.</param>
/// <param name="Copy">The folder of the platform's copy of the Dockerfile; null when none was needed.</param>
internal sealed record PreparedBuild(DockerBuildSettings Settings, string Dockerfile, string? Copy = null) : IDisposable
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
    }

    public void Dispose()
    {
        if (Copy is not null && Directory.Exists(Copy))
            Directory.Delete(Copy, recursive: true);
    }
}
