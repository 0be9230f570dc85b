using System.Text;
using System.Text.RegularExpressions;

namespace Keel.GitHubActions;

/// <summary>A node of the small, ordered YAML tree that workflows are written from.</summary>
internal abstract record YamlNode;

/// <summary>
/// A value, with an optional comment written after it on the same line. A literal (a number, true, false) is
/// written as it is; any other value is a string and quoted where YAML would read it as something else.
/// </summary>
internal sealed record YamlScalar(string Value, string? Comment = null, bool Literal = false) : YamlNode
{
    public static YamlScalar Of(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Literal: true);

    public static YamlScalar Of(bool value) => new(value ? "true" : "false", Literal: true);
}

internal sealed record YamlList(IReadOnlyList<YamlNode> Items) : YamlNode;

/// <summary>A mapping whose keys keep the order they were added in; null values are written as bare keys.</summary>
internal sealed record YamlMap : YamlNode
{
    private readonly List<KeyValuePair<string, YamlNode?>> _entries = [];

    public IReadOnlyList<KeyValuePair<string, YamlNode?>> Entries => _entries;

    public YamlMap Add(string key, YamlNode? value)
    {
        _entries.Add(new(key, value));
        return this;
    }

    public YamlMap Add(string key, string value, string? comment = null) => Add(key, new YamlScalar(value, comment));

    public YamlMap AddList(string key, IEnumerable<string> values) => Add(key, new YamlList([.. values.Select(v => new YamlScalar(v))]));

    public YamlNode? this[string key] => _entries.FirstOrDefault(e => e.Key == key).Value;
}

/// <summary>Writes the YAML tree deterministically: two-space indents, quotes only where YAML needs them.</summary>
internal static partial class YamlWriter
{
    public static string Write(YamlMap root, bool blankLinesBetweenTopLevelKeys = true)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var (key, value) in root.Entries)
        {
            if (!first && blankLinesBetweenTopLevelKeys)
                text.Append('\n');
            first = false;
            WriteEntry(text, key, value, 0);
        }

        return text.ToString();
    }

    private static void WriteEntry(StringBuilder text, string key, YamlNode? value, int indent)
    {
        var pad = new string(' ', indent);
        switch (value)
        {
            case null:
                text.Append(pad).Append(Key(key)).Append(":\n");
                break;
            case YamlScalar scalar:
                text.Append(pad).Append(Key(key)).Append(": ").Append(Scalar(scalar)).Append('\n');
                break;
            case YamlMap map:
                text.Append(pad).Append(Key(key)).Append(":\n");
                foreach (var (childKey, child) in map.Entries)
                    WriteEntry(text, childKey, child, indent + 2);
                break;
            case YamlList list:
                text.Append(pad).Append(Key(key)).Append(":\n");
                foreach (var item in list.Items)
                    WriteItem(text, item, indent + 2);
                break;
        }
    }

    private static void WriteItem(StringBuilder text, YamlNode item, int indent)
    {
        var pad = new string(' ', indent);
        if (item is YamlScalar scalar)
        {
            text.Append(pad).Append("- ").Append(Scalar(scalar)).Append('\n');
            return;
        }

        if (item is YamlMap map)
        {
            var nested = new StringBuilder();
            foreach (var (key, value) in map.Entries)
                WriteEntry(nested, key, value, indent + 2);
            var lines = nested.ToString();
            text.Append(pad).Append("- ").Append(lines[(indent + 2)..]);
        }
    }

    // Keys are names such as 'on' or 'if': GitHub reads them as strings, so only punctuation needs quotes.
    private static string Key(string key) => key.Length == 0 || "-?:,[]{}#&*!|>'\"%@`".Contains(key[0]) || key.Contains(": ", StringComparison.Ordinal) ? Quote(key) : key;

    private static string Scalar(YamlScalar scalar) =>
        (!scalar.Literal && NeedsQuotes(scalar.Value) ? Quote(scalar.Value) : scalar.Value) + (scalar.Comment is null ? "" : " # " + scalar.Comment);

    private static bool NeedsQuotes(string value) =>
        value.Length == 0
        || value != value.Trim()
        || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0])
        || value.Contains(": ", StringComparison.Ordinal)
        || value.Contains(" #", StringComparison.Ordinal)
        || value.EndsWith(':')
        || value.Contains('\n')
        || Special().IsMatch(value);

    private static string Quote(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>Plain words YAML would read as something other than a string: booleans, null, numbers.</summary>
    [GeneratedRegex(@"^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex Special();
}
