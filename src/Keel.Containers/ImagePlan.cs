namespace Keel.Containers;

/// <summary>What to build and push: the lowercase repository, the tags in push order, and the OCI labels.</summary>
public sealed record ImagePlan(string Repository, IReadOnlyList<ImageTag> Tags, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>repository:tag for every tag, immutable ones first, floating ones last.</summary>
    public IReadOnlyList<string> References => [.. Tags.Select(t => $"{Repository}:{t.Name}")];

    /// <summary>The commit the image is built from (its revision label).</summary>
    public string? Revision => Labels.GetValueOrDefault(ImageLabels.Revision);

    /// <summary>The registry part of the repository.</summary>
    public string Registry => Repository[..Repository.IndexOf('/')];

    /// <summary>The repository without its registry, as the registry API names it.</summary>
    public string Path => Repository[(Repository.IndexOf('/') + 1)..];
}
