namespace Keel.Containers;

/// <summary>What to build and push: the lowercase repository, the tags in push order, and the OCI labels.</summary>
public sealed record ImagePlan(string Repository, IReadOnlyList<ImageTag> Tags, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>
    /// Why this image may be built but not pushed, in one line (a pull request's image when the build has not opted into
    /// pull-request images); null when it may be pushed.
    /// </summary>
    public string? PushRefusal { get; init; }

    /// <summary>repository:tag for every tag, immutable ones first, floating ones last.</summary>
    public IReadOnlyList<string> References => [.. Tags.Select(t => $"{Repository}:{t.Name}")];

    /// <summary>The commit the image is built from (its revision label).</summary>
    public string? Revision => Labels.GetValueOrDefault(ImageLabels.Revision);

    /// <summary>The registry part of the repository.</summary>
    public string Registry => Repository[..Repository.IndexOf('/')];

    /// <summary>The repository without its registry, as the registry API names it.</summary>
    public string Path => Repository[(Repository.IndexOf('/') + 1)..];

    /// <summary>
    /// One platform's image of a multi-platform push: its own tags are the immutable tags with the platform appended
    /// (1.2.3-linux-arm64), immutable as well; floating tags name only the index that lists every platform.
    /// </summary>
    public ImagePlan ForPlatform(ContainerPlatform platform) =>
        this with { Tags = [.. Tags.Where(t => !t.Floating).Select(t => new ImageTag($"{t.Name}-{platform.TagSuffix}", Floating: false))] };

    /// <summary>What each platform's image is tagged with: one platform's image takes the plan itself; several take <see cref="ForPlatform"/>.</summary>
    public IReadOnlyList<ImagePlan> PerPlatform(IReadOnlyList<ContainerPlatform> platforms) =>
        platforms.Count == 1 ? [this] : [.. platforms.Select(ForPlatform)];
}
