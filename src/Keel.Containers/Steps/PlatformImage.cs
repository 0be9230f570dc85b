namespace Keel.Containers;

/// <summary>One platform's image of an <see cref="ImageSet"/>: the platform, and the tags and labels its image carries.</summary>
internal sealed record PlatformImage(ContainerPlatform Platform, ImagePlan Plan)
{
    /// <summary>The image's first (immutable) reference: how the engine's store and the smoke test find it.</summary>
    public string Reference => Plan.References[0];
}
