namespace Keel.Versioning;

/// <summary>
/// The release a commit is tagged as: of the tags on the commit, the semantic version of highest precedence.
/// Tags that are not semantic versions (release-5, v1.2) are no release.
/// </summary>
internal sealed record ReleaseTag(string Name, SemanticVersion Version)
{
    public static ReleaseTag? Highest(IEnumerable<string> tags) =>
        tags.Select(tag => SemanticVersion.FromTag(tag) is { } version ? new ReleaseTag(tag, version) : null)
            .OfType<ReleaseTag>()
            .OrderByDescending(release => release.Version)
            .ThenBy(release => release.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
