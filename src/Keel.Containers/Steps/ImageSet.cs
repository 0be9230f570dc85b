namespace Keel.Containers;

/// <summary>
/// The images of one plan, one a platform, as the build step makes them and the smoke test and push steps take them.
/// One image carries the plan's tags; several each carry their platform's own (<see cref="ImagePlan.ForPlatform"/>),
/// and the push joins them in one index under the plan's tags.
/// </summary>
internal sealed record ImageSet(ImagePlan Plan, IReadOnlyList<PlatformImage> Images)
{
    /// <summary>Each platform with the tags its image carries; at least one platform.</summary>
    public static ImageSet Of(ImagePlan plan, IReadOnlyList<ContainerPlatform> platforms)
    {
        if (platforms.Count == 0)
            throw new ArgumentException("An image set has at least one platform.", nameof(platforms));
        return new(plan, [.. platforms.Zip(plan.PerPlatform(platforms), (platform, own) => new PlatformImage(platform, own))]);
    }

    /// <summary>
    /// Each platform's image under its own tags (<see cref="ImagePlan.ForPlatform"/>), one platform too: what the parts of
    /// a distributed publish push, each on its own runner, and what their merge joins under the plan's tags.
    /// </summary>
    public static ImageSet Parts(ImagePlan plan, IReadOnlyList<ContainerPlatform> platforms) =>
        platforms.Count == 0
            ? throw new ArgumentException("An image set has at least one platform.", nameof(platforms))
            : new(plan, [.. platforms.Select(platform => new PlatformImage(platform, plan.ForPlatform(platform)))]);

    public IReadOnlyList<ContainerPlatform> Platforms => [.. Images.Select(image => image.Platform)];

    /// <summary>Several platforms: pushed as one OCI image index that lists each platform's image.</summary>
    public bool IsIndex => Images.Count > 1;
}
