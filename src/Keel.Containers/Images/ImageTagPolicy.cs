using System.Globalization;

namespace Keel.Containers;

/// <summary>
/// Pure policy: from the version, the event and what was built, the tags and OCI labels of the image.
/// Immutable tags name one build for good: the version and sha-XXXXXXX of the commit that was built. Floating tags move:
/// the branch's name (never a name another kind of tag has), pr-N, and for a stable release the release aliases X.Y, X
/// (not for 0.x) and latest, which move only forward (checked against the registry at push). What the event allows is
/// <see cref="ImageEvents"/>': a release tag on HEAD makes aliases only where the ref built is the tag or on the user's
/// machine; a pull request or merge queue gets sha- and pr-N alone, and is refused at push unless the build opts in.
/// A working tree with uncommitted changes is not its commit: its image gets sha-XXXXXXX-dirty-YYYYYYY, named for the
/// tree it was built from, and its branch's tag, nothing else.
/// Immutable tags come first, floating ones last, so a failed push never moves a floating tag.
/// </summary>
public static class ImageTagPolicy
{
    public static ImagePlan Plan(ImageRequest request)
    {
        var version = request.Version;
        var source = request.Source;
        var modified = source.ModifiedTree is not null;
        var proposal = ImageEvents.BuildsAProposal(source);
        var release = version.IsStableRelease && !modified && ImageEvents.MovesReleaseAliases(source);

        var tags = new List<ImageTag>();
        void Add(string? tag, bool floating, bool forwardOnly = false)
        {
            if (tag is not null && tags.All(t => t.Name != tag))
                tags.Add(new ImageTag(tag, floating, forwardOnly));
        }

        if (modified)
        {
            Add($"sha-{Short(source.Commit)}-dirty-{Short(source.ModifiedTree!)}", floating: false);
        }
        else
        {
            // A pull request's version names no release line: its image goes by its commit alone.
            if (!proposal)
                Add(ImageNames.UniqueTag(version.SemVer), floating: false);
            Add($"sha-{Short(source.Commit)}", floating: false);
        }

        if (release)
        {
            Add($"{version.Major}.{version.Minor}", floating: true, forwardOnly: true);
            if (version.Major > 0)
                Add($"{version.Major}", floating: true, forwardOnly: true);
        }

        if (source.Ref.Kind == RefKind.PullRequest)
            Add($"pr-{source.Ref.PullRequestNumber}", floating: true);
        else if (source.Ref.Kind == RefKind.Branch && !proposal)
            Add(ImageNames.BranchTag(source.Ref.Name), floating: true);

        if (!proposal)
        {
            foreach (var extra in request.ExtraTags)
                Add(ImageNames.UniqueTag(extra), floating: true);
        }

        if (release)
            Add("latest", floating: true, forwardOnly: true);

        IReadOnlyList<ImageTag> ordered = [.. tags.Where(t => !t.Floating), .. tags.Where(t => t.Floating)];
        return new ImagePlan(ImageNames.Repository(request.Registry, request.Owner, request.Name, request.Parameters), ordered, Labels(request))
        {
            PushRefusal = proposal && !request.PullRequestImages ? ImageEvents.Refusal(source, ordered, request.PullRequestImagesHint) : null,
        };
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
        if (request.Source.PullRequestHead is { } head)
            labels[ImageLabels.PullRequestHead] = head;
        foreach (var (key, value) in request.ExtraLabels)
            labels[key] = value;
        return labels;
    }

    private static string Short(string hash) => hash.Length >= 7 ? hash[..7].ToLowerInvariant() : hash.ToLowerInvariant();
}
