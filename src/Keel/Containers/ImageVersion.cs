namespace Keel.Containers;

/// <summary>The version an image is tagged with: GitVersion's SemVer and its parts.</summary>
public sealed record ImageVersion(string SemVer, int Major, int Minor, int Patch, string PreReleaseTag)
{
    public bool IsStable => PreReleaseTag.Length == 0;

    public static ImageVersion From(GitVersion version) =>
        new(version.SemVer, version.Major, version.Minor, version.Patch, version.PreReleaseTag);
}
