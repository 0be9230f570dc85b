namespace Keel.Containers;

/// <summary>What a push left in the registry: every tag at one digest, and the release tags it left on a later release.</summary>
public sealed record PushResult(string Repository, string Digest, IReadOnlyList<string> Tags)
{
    /// <summary>
    /// Release tags (latest, 1, 1.2) the push left where they were, as each names a later release than this one: one
    /// line each, saying which tag stays where and why. They are not among <see cref="Tags"/>.
    /// </summary>
    public IReadOnlyList<string> Held { get; init; } = [];
}
