namespace Keel.Tests;

/// <summary>An enumeration parameter as builds declare one (the components ship the same type as Keel.Components.Configuration).</summary>
public sealed class Configuration(string value) : Enumeration(value)
{
    public static readonly Configuration Debug = new(nameof(Debug));
    public static readonly Configuration Release = new(nameof(Release));
}
