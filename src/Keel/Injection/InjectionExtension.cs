using System.Reflection;
using Keel.Lifecycle;
using Keel.Parameters;

namespace Keel.Injection;

/// <summary>Fills the build's [Injection]-attributed members once the build is created.</summary>
internal sealed class InjectionExtension : IBuildExtension
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public int? OnBuildCreated(BuildSession session)
    {
        for (var type = session.Build.GetType(); type is not null && type != typeof(KeelBuild); type = type.BaseType)
        {
            foreach (var member in type.GetFields(Members).Cast<MemberInfo>().Concat(type.GetProperties(Members)))
            {
                if (member.GetCustomAttribute<InjectionAttribute>() is not { } injection)
                    continue;
                var memberType = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
                MemberAccess.Write(session.Build, member, injection.CreateValue(session, memberType));
            }
        }

        return null;
    }
}
