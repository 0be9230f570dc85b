namespace Keel.Containers;

/// <summary>
/// The version an image is tagged with: GitVersion's SemVer and its parts, and the release tag on the commit when
/// the version is that tag (only releases move X.Y, X and latest).
/// </summary>
public sealed record ImageVersion(string SemVer, int Major, int Minor, int Patch, string PreReleaseTag, string? ReleaseTag = null)
{
    public bool IsStable => PreReleaseTag.Length == 0;

    /// <summary>A stable version read from a release tag on the built commit: what X.Y, X and latest may point at.</summary>
    public bool IsStableRelease => IsStable && ReleaseTag is not null;

    public static ImageVersion From(GitVersion version) =>
        new(version.SemVer, version.Major, version.Minor, version.Patch, version.PreReleaseTag, version.VersionTag is { Length: > 0 } tag ? tag : null);
}
