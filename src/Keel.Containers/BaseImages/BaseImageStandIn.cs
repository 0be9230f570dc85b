namespace Keel.Containers;

/// <summary>Pure: the local name the image a build reads for a platform is kept under, pulled or stood in.</summary>
internal static class BaseImageStandIn
{
    /// <summary>The image's own name for the engine's platform; for another, its tag with the platform appended.</summary>
    public static string LocalReference(string image, ContainerPlatform platform, bool native)
    {
        if (native)
            return image;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var repository = at >= 0 ? image[..at] : image;
        var colon = repository.LastIndexOf(':');
        var (name, tag) = colon > repository.LastIndexOf('/') ? (repository[..colon], repository[(colon + 1)..]) : (repository, "latest");
        if (at >= 0)
            tag = $"{tag}-{image[(at + 1)..].Replace("sha256:", "", StringComparison.Ordinal)[..12]}";
        return $"{name}:{tag}-{platform.TagSuffix}";
    }
}
