using System.Reflection;

namespace Keel.Parameters;

/// <summary>Reads and writes parameter members: fields, settable properties and get-only auto-properties.</summary>
internal static class MemberAccess
{
    public static object? Read(object target, MemberInfo member) => member switch
    {
        FieldInfo field => field.GetValue(target),
        PropertyInfo property => property.GetValue(target),
        _ => null,
    };

    public static void Write(object target, MemberInfo member, object? value)
    {
        switch (member)
        {
            case FieldInfo field:
                field.SetValue(target, value);
                break;
            case PropertyInfo property when property.GetSetMethod(nonPublic: true) is { } setter:
                setter.Invoke(target, [value]);
                break;
            case PropertyInfo property:
                BackingField(property)!.SetValue(target, value);
                break;
        }
    }

    public static MemberInfo? Writer(PropertyInfo property) =>
        (MemberInfo?)property.GetSetMethod(nonPublic: true) ?? BackingField(property);

    private static FieldInfo? BackingField(PropertyInfo property) =>
        property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
}
