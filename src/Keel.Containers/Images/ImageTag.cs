namespace Keel.Containers;

/// <summary>A tag and whether it moves from build to build (latest, 1.2, main) or names one build for good (1.2.3, sha-abc1234).</summary>
public sealed record ImageTag(string Name, bool Floating)
{
    public override string ToString() => Name;
}
