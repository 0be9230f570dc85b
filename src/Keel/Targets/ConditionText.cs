namespace Keel;

/// <summary>Turns a captured lambda's source text into a readable reason: <c>() => IsLocal</c> becomes <c>IsLocal</c>.</summary>
internal static class ConditionText
{
    public static string Clean(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("()", StringComparison.Ordinal))
        {
            var arrow = trimmed.IndexOf("=>", StringComparison.Ordinal);
            if (arrow > 0)
                trimmed = trimmed[(arrow + 2)..].Trim();
        }

        return string.Join(' ', trimmed.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
    }
}
