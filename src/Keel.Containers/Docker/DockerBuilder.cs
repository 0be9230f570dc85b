using Keel.Tooling;
namespace Keel.Containers;

/// <summary>Which builder the installed docker client offers.</summary>
public enum DockerBuilder
{
    /// <summary>The classic builder (DOCKER_BUILDKIT=0): any client, any engine.</summary>
    Classic,

    /// <summary>BuildKit through DOCKER_BUILDKIT=1: clients before 23.0 without buildx.</summary>
    BuildKit,

    /// <summary>docker buildx build: platforms and cache import/export.</summary>
    Buildx,
}
