namespace Keel.Containers;

/// <summary>Everything the tag and label policy decides from.</summary>
public sealed record ImageRequest
{
    /// <summary>host[:port], e.g. ghcr.io or localhost:5000.</summary>
    public required string Registry { get; init; }
    public required string Owner { get; init; }
    public required string Name { get; init; }

    /// <summary>The build's parameters that give the registry, owner and name, named when one is wrong.</summary>
    public ImageNameParameters Parameters { get; init; } = ImageNameParameters.None;
    public required ImageVersion Version { get; init; }
    public required SourceContext Source { get; init; }
    public string? Description { get; init; }
    public string? Licenses { get; init; }
    public IReadOnlyList<string> ExtraTags { get; init; } = [];
    public IReadOnlyDictionary<string, string> ExtraLabels { get; init; } = new Dictionary<string, string>();
}
