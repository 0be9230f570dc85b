using System.Linq.Expressions;
using System.Reflection;

namespace Keel;

/// <summary>
/// Finds the targets of a build: <see cref="Target"/> properties of the class and default members of the
/// component interfaces it implements, then runs each declaration once to freeze its definition.
/// </summary>
internal static class TargetDiscovery
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static IReadOnlyList<TargetDefinition> Discover(object build, string? defaultTarget)
    {
        var declarations = FindDeclarations(build);
        var names = new Dictionary<MethodInfo, string>();
        foreach (var (name, target) in declarations)
            names.TryAdd(target.Method, name);

        string NameOf(Target target) =>
            names.TryGetValue(target.Method, out var name)
                ? name
                : throw new BuildException("A target refers to another target that is not a Target property of the build or of one of its components.");

        var definitions = new List<TargetDefinition>();
        foreach (var (name, target) in declarations)
        {
            var builder = new TargetDefinitionBuilder(name, build);
            if (target(builder) != builder)
                throw new BuildException($"Target '{name}' must return the definition it was given ('_ => _.Executes(...)').");
            var isDefault = string.Equals(name, defaultTarget, StringComparison.OrdinalIgnoreCase);
            definitions.Add(builder.Freeze(definitions.Count, isDefault, NameOf));
        }

        // Consuming a target that leaves nothing behind would quietly move nothing between CI jobs.
        var producesNothing = definitions.Where(d => d.Produces.Count == 0).Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions)
        {
            if (definition.Consumes.FirstOrDefault(producesNothing.Contains) is { } empty)
                throw new BuildException($"Target '{definition.Name}' consumes '{empty}', which produces nothing; declare its folders with .Produces(\"...\") or drop .Consumes.");
        }

        return definitions;
    }

    /// <summary>The name of the target property that an expression such as <c>x => x.Compile</c> selects.</summary>
    public static string NameOf(LambdaExpression selector) =>
        selector.Body is MemberExpression { Member: PropertyInfo property }
            ? property.Name
            : throw new ArgumentException($"Expected a target property such as 'x => x.Compile', got '{selector}'.");

    private static List<(string Name, Target Target)> FindDeclarations(object build)
    {
        var type = build.GetType();
        var found = new List<(string, Target)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Add(string name, PropertyInfo property)
        {
            if (seen.Add(name) && property.GetValue(build) is Target target)
                found.Add((name, target));
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var property in current.GetProperties(Instance | BindingFlags.DeclaredOnly))
            {
                if (property.PropertyType == typeof(Target) && property.GetIndexParameters().Length == 0)
                    Add(property.Name[(property.Name.LastIndexOf('.') + 1)..], property);
            }
        }

        // Base components first (IRestore before ICompile before ITest), so targets read in a natural order.
        foreach (var component in StableOrder.By(type.GetInterfaces(), i => i.GetInterfaces().Length))
        {
            foreach (var property in component.GetProperties())
            {
                if (property.PropertyType == typeof(Target) && property.GetMethod is { IsAbstract: false })
                    Add(property.Name, property);
            }
        }

        return found;
    }
}
