using System.Globalization;

namespace Keel.Containers;

/// <summary>
/// Pure policy: from the version and where it was built, the tags and OCI labels of the image.
/// Immutable tags name one build for good: the version and sha-XXXXXXX. Floating tags move: the branch's name
/// (never a name another kind of tag has), pr-N, and for a stable release (a stable version read from a release
/// tag on the commit) X.Y, X (not for 0.x) and latest. A working tree with uncommitted changes is not its commit:
/// its image gets sha-XXXXXXX-dirty-YYYYYYY, named for the tree it was built from, and its branch's tag, nothing else.
/// Immutable tags come first, floating ones last, so a failed push never moves a floating tag.
/// </summary>
public static class ImageTagPolicy
{
    public static ImagePlan Plan(ImageRequest request)
    {
        var version = request.Version;
        var source = request.Source;
        var modified = source.ModifiedTree is not null;
        var release = version.IsStableRelease && !modified && source.Ref.Kind != RefKind.PullRequest;

        var tags = new List<ImageTag>();
        void Add(string? tag, bool floating)
        {
            if (tag is not null && tags.All(t => t.Name != tag))
                tags.Add(new ImageTag(tag, floating));
        }

        if (modified)
        {
            Add($"sha-{Short(source.Commit)}-dirty-{Short(source.ModifiedTree!)}", floating: false);
        }
        else
        {
            Add(ImageNames.UniqueTag(version.SemVer), floating: false);
            Add($"sha-{Short(source.Commit)}", floating: false);
        }

        if (release)
        {
            Add($"{version.Major}.{version.Minor}", floating: true);
            if (version.Major > 0)
                Add($"{version.Major}", floating: true);
        }

        switch (source.Ref.Kind)
        {
            case RefKind.Branch:
                Add(ImageNames.BranchTag(source.Ref.Name), floating: true);
                break;
            case RefKind.PullRequest:
                Add($"pr-{source.Ref.PullRequestNumber}", floating: true);
                break;
        }

        foreach (var extra in request.ExtraTags)
            Add(ImageNames.UniqueTag(extra), floating: true);
        if (release)
            Add("latest", floating: true);

        return new ImagePlan(
            ImageNames.Repository(request.Registry, request.Owner, request.Name, request.Parameters),
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
        if (request.Source.ModifiedTree is { } tree)
            labels[ImageLabels.ModifiedTree] = tree;
        foreach (var (key, value) in request.ExtraLabels)
            labels[key] = value;
        return labels;
    }

    private static string Short(string hash) => hash.Length >= 7 ? hash[..7].ToLowerInvariant() : hash.ToLowerInvariant();
}
