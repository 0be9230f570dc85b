using System.Reflection;

namespace Keel.Lifecycle;

/// <summary>
/// The extensions of one run: the engine's own, then the attributes on the build class (and its base classes), on its
/// members, and on the properties of the components it implements (<c>[GitVersion] GitVersion Versioning =&gt;
/// TryGetValue(() =&gt; Versioning)!;</c>), all in <see cref="IBuildExtension.Order"/>; equal orders keep that sequence.
/// </summary>
internal static class BuildExtensions
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<IBuildExtension> For(Type buildType, IReadOnlyList<IBuildExtension> engine)
    {
        var all = new List<IBuildExtension>(engine);
        all.AddRange(Declared(buildType));
        // A stable insertion sort: a handful of items, and no LINQ over tuples to compile at start-up on every run.
        for (var i = 1; i < all.Count; i++)
        {
            var extension = all[i];
            var j = i - 1;
            for (; j >= 0 && all[j].Order > extension.Order; j--)
                all[j + 1] = all[j];
            all[j + 1] = extension;
        }

        return all;
    }

    private static IEnumerable<IBuildExtension> Declared(Type buildType)
    {
        foreach (var attribute in buildType.GetCustomAttributes<BuildExtensionAttribute>(inherit: true))
            yield return attribute;
        for (var type = buildType; type is not null && type != typeof(KeelBuild); type = type.BaseType)
        {
            foreach (var member in type.GetFields(Members).Cast<MemberInfo>().Concat(type.GetProperties(Members)))
            {
                foreach (var attribute in member.GetCustomAttributes<BuildExtensionAttribute>())
                {
                    if (attribute is InjectionAttribute injection)
                        injection.Member = member;
                    yield return attribute;
                }
            }
        }

        foreach (var component in buildType.GetInterfaces().Where(i => typeof(IKeelBuild).IsAssignableFrom(i) && i != typeof(IKeelBuild)))
        {
            foreach (var property in component.GetProperties(Members))
            {
                foreach (var attribute in property.GetCustomAttributes<BuildExtensionAttribute>())
                {
                    if (attribute is InjectionAttribute injection)
                        injection.Member = property;
                    yield return attribute;
                }
            }
        }
    }
}
