using System.Reflection;

namespace Keel.Parameters;

/// <summary>A parameter as declared on the build: names, type, allowed values and how it is set.</summary>
internal sealed record ParameterDefinition
{
    public required MemberInfo Member { get; init; }

    /// <summary>The member's name, or the attribute's Name: the key in parameters.json and the schema.</summary>
    public required string Name { get; init; }

    public required Type Type { get; init; }
    public string? Description { get; init; }
    public bool IsSecret { get; init; }

    /// <summary>
    /// Declared as nullable (<c>string?</c>, <c>int?</c>): "no value" is a valid state. Read from the member's
    /// nullability metadata when asked (only the schema asks), which keeps it off the path of every start.
    /// </summary>
    public bool IsNullable => Nullability.IsNullable(Member);

    public bool IsRequired { get; init; }
    public bool FromEnvironment { get; init; } = true;

    /// <summary>True for the engine's own options (target list, skip, verbosity), which bind into <see cref="Hosts.EngineOptions"/>.</summary>
    public bool IsBuiltIn { get; init; }

    /// <summary>The value the build gives it before anything is bound, rendered for help; null when it has none.</summary>
    public string? DefaultText { get; init; }

    public string CommandLineName => ParameterNames.CommandLine(Name);

    /// <summary>IMAGE_NAME; KEEL_GIT_DIR for a name that is a tool's own variable (see <see cref="ToolVariables"/>).</summary>
    public string EnvironmentName => ToolVariable is null ? ParameterNames.Environment(Name) : "KEEL_" + ParameterNames.Environment(Name);

    /// <summary>The variable of a tool the name matches (GIT_DIR for GitDir): only its KEEL_ or NUKE_ form sets the parameter.</summary>
    public ToolVariable? ToolVariable => ToolVariables.Matching(Name);

    /// <summary>Declared on a component interface: its value lives in the build's <see cref="ParameterValues"/>, which its getter reads.</summary>
    public bool IsComponentParameter => Member.DeclaringType!.IsInterface;

    /// <summary>Where it is declared, for messages: Build.ApiUrl, IHazApi.ApiUrl, the engine's option --verbosity.</summary>
    public string DeclaredAt => IsBuiltIn ? $"the engine's option {CommandLineName}" : $"{Member.DeclaringType!.Name}.{Member.Name}";

    /// <summary>The element type for arrays, the underlying type for nullables, else the type itself.</summary>
    public Type ValueType => ValueTypes.Element(Type);

    public bool IsArray => Type.IsArray;

    public bool IsSwitch => ValueType == typeof(bool) && !IsArray;

    /// <summary>Enum names or value-set members; empty when any value of the type is allowed.</summary>
    public IReadOnlyList<string> AllowedValues => ValueTypes.AllowedValues(ValueType);
}
