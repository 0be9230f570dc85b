using System.Globalization;

namespace Keel.Containers;

/// <summary>
/// Pure policy: from the version and where it was built, the tags and OCI labels of the image.
/// Stable releases get X.Y.Z, and from the default branch or a release tag also X.Y, X (not for 0.x) and
/// latest; pre-releases get only their full version; branches their name, pull requests pr-N; every build
/// sha-XXXXXXX. Immutable tags come first, floating ones last, so a failed push never moves 'latest'.
/// </summary>
public static class ImageTagPolicy
{
    public static ImagePlan Plan(ImageRequest request)
    {
        var version = request.Version;
        var source = request.Source;
        var isRelease = source.Ref.Kind == RefKind.Tag
            || (source.Ref.Kind == RefKind.Branch && source.DefaultBranch is { } main && source.Ref.Name == main);

        var tags = new List<ImageTag>();
        void Add(string? text, bool floating)
        {
            if (ImageNames.Tag(text ?? "") is { } tag && tags.All(t => t.Name != tag))
                tags.Add(new ImageTag(tag, floating));
        }

        Add(version.SemVer, floating: false);
        Add($"sha-{ShortSha(source.Commit)}", floating: false);
        if (version.IsStable && isRelease)
        {
            Add($"{version.Major}.{version.Minor}", floating: true);
            if (version.Major > 0)
                Add($"{version.Major}", floating: true);
        }

        switch (source.Ref.Kind)
        {
            case RefKind.Branch:
                Add(source.Ref.Name, floating: true);
                break;
            case RefKind.PullRequest:
                Add($"pr-{source.Ref.PullRequestNumber}", floating: true);
                break;
        }

        foreach (var extra in request.ExtraTags)
            Add(extra, floating: true);
        if (version.IsStable && isRelease)
            Add("latest", floating: true);

        return new ImagePlan(
            ImageNames.Repository(request.Registry, request.Owner, request.Name),
            [.. tags.Where(t => !t.Floating), .. tags.Where(t => t.Floating)],
            Labels(request));
    }

    private static SortedDictionary<string, string> Labels(ImageRequest request)
    {
        const string prefix = "org.opencontainers.image.";
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [prefix + "title"] = request.Name,
            [prefix + "version"] = request.Version.SemVer,
            [prefix + "revision"] = request.Source.Commit,
        };
        if (request.Source.RepositoryUrl is { } url)
        {
            labels[prefix + "source"] = url;
            labels[prefix + "url"] = url;
        }

        // The commit's time, not the build's: rebuilding the same commit gives the same labels and digest.
        if (request.Source.CommitTime is { } committed)
            labels[prefix + "created"] = committed.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (request.Description is { } description)
            labels[prefix + "description"] = description;
        if (request.Licenses is { } licenses)
            labels[prefix + "licenses"] = licenses;
        foreach (var (key, value) in request.ExtraLabels)
            labels[key] = value;
        return labels;
    }

    private static string ShortSha(string commit) => commit.Length >= 7 ? commit[..7].ToLowerInvariant() : commit.ToLowerInvariant();
}
