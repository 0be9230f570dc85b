using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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

/// <summary>
/// Writes the YAML tree through YamlDotNet's emitter, always the same way: two-space indents, lists indented under
/// their key, quotes only where YAML needs them, a value of several lines as a literal block (each line kept, as a
/// multi-line <c>run:</c> needs), comments after their value.
/// </summary>
internal static partial class YamlWriter
{
    private const string NullMarker = "keel-null-value-8c1f";

    public static string Write(YamlMap root, bool blankLinesBetweenTopLevelKeys = true)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var settings = new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, newLine: "\n").WithIndentedSequences();
        var emitter = new Emitter(text, settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        var yaml = text.ToString().Replace(" " + NullMarker + "\n", "\n", StringComparison.Ordinal);
        return blankLinesBetweenTopLevelKeys ? TopLevelKey().Replace(yaml, "\n$1").TrimStart('\n') : yaml;
    }

    private static void Emit(IEmitter emitter, YamlNode? node)
    {
        switch (node)
        {
            case null:
                // YAML's empty value: the emitter has no bare key, so a marker stands in and is taken out afterwards.
                emitter.Emit(new Scalar(null, null, NullMarker, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case YamlScalar scalar:
                emitter.Emit(new Scalar(null, null, scalar.Value, Style(scalar), isPlainImplicit: true, isQuotedImplicit: true));
                if (scalar.Comment is not null)
                    emitter.Emit(new Comment(scalar.Comment, isInline: true));
                break;
            case YamlMap map:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var (key, value) in map.Entries)
                {
                    emitter.Emit(new Scalar(null, null, key, KeyNeedsQuotes(key) ? ScalarStyle.SingleQuoted : ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: true));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case YamlList list:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list.Items)
                    Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
        }
    }

    // Keys are names such as 'on' or 'if': GitHub reads them as strings, so only punctuation needs quotes.
    private static bool KeyNeedsQuotes(string key) =>
        key.Length == 0 || "-?:,[]{}#&*!|>'\"%@`".Contains(key[0]) || key.Contains(": ", StringComparison.Ordinal);

    private static ScalarStyle Style(YamlScalar scalar) =>
        scalar.Literal ? ScalarStyle.Plain
        : scalar.Value.Contains('\n') ? ScalarStyle.Literal
        : NeedsQuotes(scalar.Value) ? ScalarStyle.SingleQuoted
        : ScalarStyle.Plain;

    private static bool NeedsQuotes(string value) =>
        value.Length == 0
        || value != value.Trim()
        || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0])
        || value.Contains(": ", StringComparison.Ordinal)
        || value.Contains(" #", StringComparison.Ordinal)
        || value.EndsWith(':')
        || Special().IsMatch(value);

    /// <summary>Plain words YAML would read as something other than a string: booleans, null, numbers.</summary>
    [GeneratedRegex(@"^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex Special();

    /// <summary>A line that starts a top-level key.</summary>
    [GeneratedRegex(@"(?m)^([^\s#-][^\n]*:)")]
    private static partial Regex TopLevelKey();
}
