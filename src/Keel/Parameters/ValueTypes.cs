namespace Keel.Parameters;

/// <summary>What the parameter types accept, for conversion, help and the schema.</summary>
internal static class ValueTypes
{
    public static Type Element(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }

    public static IReadOnlyList<string> AllowedValues(Type valueType) =>
        valueType.IsEnum ? Enum.GetNames(valueType)
        : typeof(Enumeration).IsAssignableFrom(valueType) ? [.. Enumeration.ValuesOf(valueType).Select(v => v.Value)]
        : [];

    public static bool IsSupported(Type valueType) =>
        valueType == typeof(string) || valueType == typeof(bool) || valueType.IsEnum
        || typeof(Enumeration).IsAssignableFrom(valueType) || valueType == typeof(AbsolutePath)
        || IsNumber(valueType);

    public static bool IsNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal);

    /// <summary>A short word for help and messages: "string", "int", "Debug|Release", "path" (for arrays: of one element).</summary>
    public static string Describe(Type type)
    {
        var element = Element(type);
        var allowed = AllowedValues(element);
        var word = allowed.Count > 0 ? string.Join('|', allowed)
            : element == typeof(AbsolutePath) ? "path"
            : element == typeof(bool) ? "bool"
            : element == typeof(int) ? "int"
            : element == typeof(long) ? "long"
            : element == typeof(double) ? "number"
            : element == typeof(decimal) ? "decimal"
            : "string";
        return word;
    }
}
