using System.Reflection;
using Keel.Lifecycle;
using Keel.Parameters;

namespace Keel;

/// <summary>
/// Base of attributes that give a build member its value when the build is created: <c>[GitVersion] readonly
/// GitVersion GitVersion;</c>, or a component's property, which reads it back: <c>[GitVersion] GitVersion Versioning =&gt;
/// TryGetValue(() =&gt; Versioning)!;</c>. A value that costs something should be lazy, so only targets that use it pay. Like
/// every extension attribute, it may also hook into the rest of the build's lifecycle.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public abstract class InjectionAttribute : BuildExtensionAttribute
{
    protected InjectionAttribute() => Order = ExtensionOrder.Injection;

    /// <summary>The member this attribute fills; set when the build's extensions are found.</summary>
    internal MemberInfo? Member { get; set; }

    public abstract object? CreateValue(BuildSession session, Type memberType);

    public override int? OnBuildCreated(BuildSession session)
    {
        if (Member is null)
            return null;
        var memberType = Member is FieldInfo field ? field.FieldType : ((PropertyInfo)Member).PropertyType;
        var value = CreateValue(session, memberType);
        // A component's property has nowhere to keep the value: its getter reads it back through TryGetValue.
        if (Member.DeclaringType is { IsInterface: true })
            session.Build.ParameterValues.Set(Member, value);
        else
            MemberAccess.Write(session.Build, Member, value);
        return null;
    }
}
