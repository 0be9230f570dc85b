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

    public static IReadOnlyList<IBuildExtension> For(Type buildType, IReadOnlyList<IBuildExtension> engine) =>
        StableOrder.By(engine.Concat(Declared(buildType)), extension => extension.Order);

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
