using System.Collections;
using System.Reflection;

namespace Keel.Parameters;

/// <summary>
/// Finds the [Parameter] members of a build, on its class and base classes and on every component interface it
/// implements, and reads the defaults it gives them. Order: the build's own parameters (as declared), then the
/// components' (an interface after the ones it extends, else by name; as declared within one), then the engine's own
/// options (<see cref="Hosts.EngineOptions"/>).
/// </summary>
internal static class ParameterDiscovery
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ParameterDefinition> Discover(object build)
    {
        var buildType = build.GetType();
        var found = new List<ParameterDefinition>();
        var names = new Dictionary<string, ParameterDefinition>(StringComparer.Ordinal);
        void Add(ParameterDefinition definition)
        {
            if (names.TryGetValue(ParameterNames.Normalize(definition.Name), out var first))
                throw Twice(first, definition);
            names.Add(ParameterNames.Normalize(definition.Name), definition);
            found.Add(definition);
        }

        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            var declared = StableOrder.By(type.GetFields(Members).Cast<MemberInfo>().Concat(type.GetProperties(Members))
                .Where(m => m.GetCustomAttribute<ParameterAttribute>() is not null), DeclarationOrder);
            foreach (var member in declared)
                Add(Define(build, member));
        }

        // The engine's own options are bound with the build's parameters, into the host's EngineOptions.
        foreach (var member in StableOrder.By(typeof(Hosts.EngineOptions).GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(m => m.GetCustomAttribute<ParameterAttribute>() is not null), DeclarationOrder))
            Add(Define(Hosts.EngineOptions.Defaults, member));

        var own = found.Where(p => !p.IsComponentParameter).Select(p => p.Member).OfType<PropertyInfo>().ToList();
        foreach (var component in Components(buildType))
        {
            var declared = StableOrder.By(component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null), p => p.MetadataToken);
            foreach (var property in declared)
            {
                // The build's own [Parameter] property that implements the component's replaces it, as in NUKE.
                if (!ImplementedBy(buildType, property, own))
                    Add(Define(build, property));
            }
        }

        // The build's own parameters first, then its components', Keel's built-in ones last.
        return [.. found.Where(p => !p.IsBuiltIn), .. found.Where(p => p.IsBuiltIn)];
    }

    private static BuildException Twice(ParameterDefinition first, ParameterDefinition second)
    {
        var replace = second.IsComponentParameter && !first.IsComponentParameter
            ? $" (a property of the build that implements {second.DeclaredAt} replaces it)"
            : "";
        return new BuildException($"Parameter {second.Name} is declared twice, by {first.DeclaredAt} and {second.DeclaredAt}; rename or remove one{replace}.");
    }

    /// <summary>The interfaces the build implements, each once: an interface after the ones it extends, otherwise by name.</summary>
    private static List<Type> Components(Type buildType)
    {
        var ordered = new List<Type>();
        var seen = new HashSet<Type>();
        void Visit(Type component)
        {
            if (!seen.Add(component))
                return;
            foreach (var extended in ByName(component.GetInterfaces()))
                Visit(extended);
            ordered.Add(component);
        }

        foreach (var component in ByName(buildType.GetInterfaces()))
            Visit(component);
        return ordered;
    }

    private static IEnumerable<Type> ByName(IEnumerable<Type> types) => StableOrder.By(types, t => t.FullName ?? t.Name, StringComparer.Ordinal);

    /// <summary>True when the build's implementation of the component's property is one of the build's own parameter properties.</summary>
    private static bool ImplementedBy(Type buildType, PropertyInfo property, List<PropertyInfo> own)
    {
        if (property.GetMethod is not { } getter || own.Count == 0)
            return false;
        var map = buildType.GetInterfaceMap(property.DeclaringType!);
        var index = Array.FindIndex(map.InterfaceMethods, m => m.HasSameMetadataDefinitionAs(getter));
        if (index < 0 || map.TargetMethods[index] is not { } target || target.DeclaringType!.IsInterface)
            return false;
        return own.Any(p => p.GetMethod is { } ownGetter && ownGetter.DeclaringType == target.DeclaringType && ownGetter.HasSameMetadataDefinitionAs(target));
    }

    /// <param name="owner">The build, or the engine's default options: what holds the member's default.</param>
    private static ParameterDefinition Define(object owner, MemberInfo member)
    {
        var attribute = member.GetCustomAttribute<ParameterAttribute>()!;
        var type = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
        var where = $"{member.DeclaringType!.Name}.{member.Name}";
        var isComponent = member.DeclaringType.IsInterface;
        if (!ValueTypes.IsSupported(ValueTypes.Element(type)))
            throw new BuildException($"Parameter {where} has the type {type.Name}, which Keel cannot convert; use string, bool, a number, an enum, an Enumeration, AbsolutePath, or an array or nullable of those.");
        if (isComponent && ((PropertyInfo)member).GetMethod is null)
            throw new BuildException($"Parameter {where} has no getter; declare it as {type.Name} {member.Name} => TryGetValue(() => {member.Name});");
        if (!isComponent && member is PropertyInfo property && MemberAccess.Writer(property) is null)
            throw new BuildException($"Parameter {where} has no setter; give it one (a private 'set' is enough).");

        var isSecret = member.GetCustomAttribute<SecretAttribute>() is not null;
        return new ParameterDefinition
        {
            Member = member,
            Name = attribute.Name ?? member.Name,
            Type = type,
            Description = attribute.Description,
            IsSecret = isSecret,
            IsRequired = member.GetCustomAttribute<RequiredAttribute>() is not null,
            FromEnvironment = attribute.FromEnvironment,
            IsBuiltIn = member.DeclaringType == typeof(Hosts.EngineOptions),
            DefaultText = Render(isComponent ? ComponentDefault(owner, (PropertyInfo)member) : MemberAccess.Read(owner, member), isSecret),
        };
    }

    /// <summary>
    /// A component parameter's default is what its getter gives before anything is bound (TryGetValue gives default
    /// then). A getter that throws without a value (<c>?? throw ...</c>) has no default to show.
    /// </summary>
    private static object? ComponentDefault(object build, PropertyInfo property)
    {
        try
        {
            return property.GetValue(build);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
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
