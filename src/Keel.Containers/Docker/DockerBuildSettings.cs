using Keel.Tooling;
namespace Keel.Containers;

/// <summary><c>docker build</c>: what to build and how to name and label it.</summary>
public sealed record DockerBuildSettings
{
    public required string Context { get; init; }
    public string? File { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    public string? Target { get; init; }

    /// <summary>linux/amd64, linux/arm64, ...: one with any builder (its base image in the engine's store), several with buildx.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Cache sources and exports, e.g. type=registry,ref=IMAGE:buildcache; need buildx.</summary>
    public IReadOnlyList<string> CacheFrom { get; init; } = [];
    public IReadOnlyList<string> CacheTo { get; init; } = [];

    /// <summary>buildx only: push while building (the only way to publish several platforms at once).</summary>
    public bool Push { get; init; }
}
