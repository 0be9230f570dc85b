using System.Reflection;

namespace Keel.Parameters;

/// <summary>Whether a field or property is declared nullable (<c>string?</c>, <c>int?</c>), from its metadata.</summary>
internal static class Nullability
{
    public static bool IsNullable(MemberInfo member)
    {
        var context = new NullabilityInfoContext();
        var info = member is FieldInfo field ? context.Create(field) : context.Create((PropertyInfo)member);
        return info.ReadState == NullabilityState.Nullable;
    }
}
