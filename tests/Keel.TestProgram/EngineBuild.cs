using Keel.Containers;
using Keel.Hosts;

namespace Keel.TestProgram;

/// <summary>
/// A build that only makes sure a Docker engine answers, run as a real process, so a test can run it as another
/// user (one the engine refuses) with this machine's real facts.
/// </summary>
public sealed class EngineBuild : KeelBuild
{
    [ContainerImages]
    readonly ContainerImages Containers = null!;

    Target Engine => _ => _
        .Executes(() => Containers.EnsureEngine());

    public static int Run(string[] args) =>
        new BuildHost(BuildServices.ForThisProcess()).RunFromProcess(() => new EngineBuild(), args, nameof(Engine));
}
