using System.Collections;
using System.Reflection;

namespace Keel.Parameters;

/// <summary>Finds the [Parameter] members of a build and reads the defaults it gives them.</summary>
internal static class ParameterDiscovery
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ParameterDefinition> Discover(object build)
    {
        var found = new List<ParameterDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var type = build.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            var declared = type.GetFields(Members).Cast<MemberInfo>().Concat(type.GetProperties(Members))
                .Where(m => m.GetCustomAttribute<ParameterAttribute>() is not null)
                .OrderBy(DeclarationOrder);
            foreach (var member in declared)
            {
                var definition = Define(build, member);
                if (!names.Add(ParameterNames.Normalize(definition.Name)))
                    throw new BuildException($"Two parameters are named '{definition.Name}' ({type.Name}.{member.Name}); rename one of them.");
                found.Add(definition);
            }
        }

        // The build's own parameters first, Keel's built-in ones last.
        return [.. found.Where(p => !p.IsBuiltIn), .. found.Where(p => p.IsBuiltIn)];
    }

    private static ParameterDefinition Define(object build, MemberInfo member)
    {
        var attribute = member.GetCustomAttribute<ParameterAttribute>()!;
        var type = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
        var where = $"{member.DeclaringType!.Name}.{member.Name}";
        if (!ValueTypes.IsSupported(ValueTypes.Element(type)))
            throw new BuildException($"Parameter {where} has the type {type.Name}, which Keel cannot convert; use string, bool, a number, an enum, an Enumeration, AbsolutePath, or an array or nullable of those.");
        if (member is PropertyInfo property && MemberAccess.Writer(property) is null)
            throw new BuildException($"Parameter {where} has no setter; give it one (a private 'set' is enough).");

        var isSecret = member.GetCustomAttribute<SecretAttribute>() is not null;
        return new ParameterDefinition
        {
            Member = member,
            Name = attribute.Name ?? member.Name,
            Type = type,
            Description = attribute.Description,
            IsSecret = isSecret,
            IsNullable = IsNullable(member),
            IsRequired = member.GetCustomAttribute<RequiredAttribute>() is not null,
            FromEnvironment = attribute.FromEnvironment,
            IsBuiltIn = member.DeclaringType == typeof(KeelBuild),
            DefaultText = Render(MemberAccess.Read(build, member), isSecret),
        };
    }

    /// <summary>
    /// Fields and properties live in separate metadata tables; an auto-property's backing field puts it back in
    /// line with the fields, so parameters keep the order they were written in.
    /// </summary>
    private static int DeclarationOrder(MemberInfo member) => member switch
    {
        PropertyInfo property when property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is { } field => field.MetadataToken,
        _ => member.MetadataToken,
    };

    private static bool IsNullable(MemberInfo member)
    {
        var context = new NullabilityInfoContext();
        var info = member is FieldInfo field ? context.Create(field) : context.Create((PropertyInfo)member);
        return info.ReadState == NullabilityState.Nullable;
    }

    private static string? Render(object? value, bool secret) => value switch
    {
        null or false => null,
        _ when secret => "***",
        string text when text.Length == 0 => null,
        string text => text,
        IEnumerable items => string.Join(' ', items.Cast<object>()) is { Length: > 0 } joined ? joined : null,
        _ => value.ToString(),
    };
}
