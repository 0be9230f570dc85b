namespace Keel.Containers;

/// <summary>
/// A tag and whether it moves from build to build (latest, 1.2, main) or names one build for good (1.2.3, sha-abc1234).
/// A release alias (latest, 1, 1.2) is floating and moves only forward: to a version of higher precedence than the one
/// it names now.
/// </summary>
public sealed record ImageTag(string Name, bool Floating, bool ForwardOnly = false)
{
    public override string ToString() => Name;
}
