using Keel.Lifecycle;

namespace Keel;

/// <summary>
/// Base of attributes that give a build member its value when the build is created: <c>[GitVersion] readonly
/// GitVersion GitVersion;</c>. A value that costs something should be lazy, so only targets that use it pay.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public abstract class InjectionAttribute : Attribute
{
    public abstract object? CreateValue(BuildSession session, Type memberType);
}
