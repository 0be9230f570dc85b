namespace Keel.Containers;

/// <summary>
/// Release aliases (latest, 1, 1.2) move only forward: to a version of the same or higher SemVer precedence than the
/// version of the image they name now. A maintenance release (1.0.5 after 1.2.0) or an older release published again
/// leaves them where they are. An alias that names nothing yet, or an image without a semantic version label (not made
/// by this build), is no release to compare with and moves; so does an alias of a version that is none.
/// </summary>
internal static class ReleaseAliasRule
{
    /// <summary>
    /// Why <paramref name="tag"/> stays where it is rather than moving to <paramref name="version"/>, in one line; null
    /// when it moves. <paramref name="named"/> is the version label of the image the tag names now (null: none).
    /// </summary>
    public static string? Held(ImageTag tag, string? named, string version)
    {
        if (!tag.ForwardOnly || named is null || SemanticVersion.FromTag(named) is not { } current || SemanticVersion.FromTag(version) is not { } next)
            return null;
        return next.CompareTo(current) >= 0
            ? null
            : $"{tag} stays on {current.SemVer}: {next.SemVer} is an older release, and release tags move only forward.";
    }
}
