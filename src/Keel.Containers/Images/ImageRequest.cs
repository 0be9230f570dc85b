namespace Keel.Containers;

/// <summary>Everything the tag and label policy decides from.</summary>
public sealed record ImageRequest
{
    /// <summary>host[:port], e.g. ghcr.io or localhost:5000.</summary>
    public required string Registry { get; init; }
    public required string Owner { get; init; }
    public required string Name { get; init; }

    /// <summary>The build's parameters that give the registry, owner and name, named when one is wrong.</summary>
    public ImageNameParameters Parameters { get; init; } = ImageNameParameters.None;
    public required ImageVersion Version { get; init; }
    public required SourceContext Source { get; init; }
    public string? Description { get; init; }
    public string? Licenses { get; init; }

    /// <summary>
    /// Publish images of pull requests and merge queues (pull_request, pull_request_target, merge_group): as pr-N and the
    /// sha- of the commit that was built, never under a branch, a version or latest. Off: such a plan is refused at push.
    /// </summary>
    public bool PullRequestImages { get; init; }

    /// <summary>How the build turns <see cref="PullRequestImages"/> on, named when a pull request's push is refused.</summary>
    public string PullRequestImagesHint { get; init; } = "set PullRequestImages on the image request";
    public IReadOnlyList<string> ExtraTags { get; init; } = [];
    public IReadOnlyDictionary<string, string> ExtraLabels { get; init; } = new Dictionary<string, string>();
}
