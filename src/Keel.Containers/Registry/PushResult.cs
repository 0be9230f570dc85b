namespace Keel.Containers;

/// <summary>What a push left in the registry: every tag at one digest.</summary>
public sealed record PushResult(string Repository, string Digest, IReadOnlyList<string> Tags);
