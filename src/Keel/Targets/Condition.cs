namespace Keel;

/// <summary>A condition and the source text it was written as, which doubles as the skip reason.</summary>
internal sealed record Condition(Func<bool> Evaluate, string Text);
