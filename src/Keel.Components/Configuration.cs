namespace Keel.Components;

/// <summary>The build configuration: Debug or Release.</summary>
public sealed class Configuration(string value) : Enumeration(value)
{
    public static readonly Configuration Debug = new(nameof(Debug));
    public static readonly Configuration Release = new(nameof(Release));
}
