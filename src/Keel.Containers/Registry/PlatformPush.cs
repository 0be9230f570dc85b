namespace Keel.Containers;

/// <summary>One platform's image as a part of a distributed publish pushed it: its digest, under its own immutable tags.</summary>
internal sealed record PlatformPush(ContainerPlatform Platform, string Repository, string Digest, IReadOnlyList<string> Tags);
