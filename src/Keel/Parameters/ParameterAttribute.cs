namespace Keel;

/// <summary>
/// Marks a field or property of the build as a parameter: <c>--kebab-name value</c> on the command line, an
/// environment variable, or an entry of <c>.nuke/parameters.json</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;

    /// <summary>The name to use instead of the member's name (command line, environment, parameters.json).</summary>
    public string? Name { get; init; }

    /// <summary>False: only the command line and parameters files set it, never an environment variable.</summary>
    public bool FromEnvironment { get; init; } = true;
}
