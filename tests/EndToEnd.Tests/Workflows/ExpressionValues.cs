using System.Globalization;
using System.Text.Json;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// GitHub's rules for expression values: null, booleans, numbers (doubles), strings, objects (<see cref="OrderedMap"/>)
/// and arrays. Falsy are false, 0, -0, NaN, '' and null; equality of different types converts both to numbers;
/// strings compare without regard to case; an object or array equals only itself.
/// </summary>
public static class ExpressionValues
{
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    public static bool LooselyEqual(object? left, object? right)
    {
        if (left is string a && right is string b)
            return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        if (left is null && right is null)
            return true;
        if (IsPrimitive(left) && IsPrimitive(right))
        {
            var (x, y) = (ToNumber(left), ToNumber(right));
            return !double.IsNaN(x) && x == y;
        }

        return ReferenceEquals(left, right);
    }

    /// <summary>&lt;, &lt;=, &gt;, &gt;=: false when either side is not a number or string after conversion.</summary>
    public static bool Compare(string op, object? left, object? right)
    {
        int order;
        if (left is string a && right is string b)
        {
            order = string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            var (x, y) = (ToNumber(left), ToNumber(right));
            if (double.IsNaN(x) || double.IsNaN(y))
                return false;
            order = x.CompareTo(y);
        }

        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    public static double ToNumber(object? value) => value switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        double d => d,
        string s when s.Trim().Length == 0 => 0,
        string s when s.Trim().StartsWith("0x", StringComparison.OrdinalIgnoreCase) =>
            long.TryParse(s.Trim()[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : double.NaN,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
        _ => double.NaN,
    };

    /// <summary>What an expression becomes inside a string: '' for null, true/false, a number as JavaScript writes it, JSON for objects.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        _ => ToJson(value),
    };

    public static string ToJson(object? value) => JsonSerializer.Serialize(ToJsonNode(value), new JsonSerializerOptions { WriteIndented = true });

    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new OrderedMap(element.EnumerateObject().Select(p => (p.Name, FromJson(p.Value)))),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static bool IsPrimitive(object? value) => value is null or bool or double or string;

    private static object? ToJsonNode(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => ToJsonNode(p.Value)),
        List<object?> list => list.Select(ToJsonNode).ToList(),
        _ => value,
    };
}
