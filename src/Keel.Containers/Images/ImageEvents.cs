namespace Keel.Containers;

/// <summary>
/// What the event that started a build lets it publish (the README's event table, under "Tags"). Events that build
/// code no branch holds yet (pull_request, pull_request_target, merge_group) publish nothing under a branch, a version or
/// latest, and nothing at all unless the build opts into pull-request images. Every other event publishes its ref: a
/// release tag on HEAD moves latest, X and X.Y only where the ref that was built is that tag (on GitHub) or on the
/// user's own machine; a branch that happens to sit on a release's commit moves none of them.
/// </summary>
internal static class ImageEvents
{
    /// <summary>A pull request's or a merge queue's build: no branch or release holds its commit yet.</summary>
    public static bool BuildsAProposal(SourceContext source) =>
        source.Event is "pull_request" or "pull_request_target" or "merge_group" || source.Ref.Kind == RefKind.PullRequest;

    /// <summary>
    /// Whether a stable release tag on HEAD moves latest, X and X.Y: on the user's own machine, and on GitHub when the ref
    /// that was built is a tag (its push, its release, a manual run on it).
    /// </summary>
    public static bool MovesReleaseAliases(SourceContext source) =>
        !BuildsAProposal(source) && (source.IsLocal || source.Ref.Kind == RefKind.Tag);

    /// <summary>Why a proposal's image is not pushed without the opt-in, in one line that names the tags it would get with it.</summary>
    public static string Refusal(SourceContext source, IEnumerable<ImageTag> tags, string hint)
    {
        var number = source.Ref.Kind == RefKind.PullRequest ? $"pull request #{source.Ref.PullRequestNumber}" : "a pull request";
        var run = source.Event is { Length: > 0 } name ? $"A {name} run" : "This build";
        var what = source.Event switch
        {
            "pull_request_target" => $"{number}'s code in the base branch's context",
            "merge_group" => "a merge queue's commit, which no branch holds yet",
            _ => $"{number}'s merge commit, which no branch holds yet",
        };
        return $"{run} builds {what}: its image is pushed only when the build opts into pull-request images, and then only as "
            + $"{string.Join(" and ", tags.Select(t => t.Name))}, never under a branch, a version or latest; {hint}. Nothing was pushed.";
    }
}
