using YamlDotNet.RepresentationModel;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// A workflow file as plain values: mappings as dictionaries (in file order), sequences as lists, scalars as strings.
/// GitHub reads scalars by where they are used (a fetch-depth as a number, an if: as an expression), and so does the
/// harness; anchors are resolved by YamlDotNet.
/// </summary>
public static class YamlTree
{
    public static object? Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new OrderedMap(mapping.Children.Select(pair => (((YamlScalarNode)pair.Key).Value ?? "", Convert(pair.Value)))),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => scalar.Value is "" or "~" or "null" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? null : scalar.Value,
        _ => null,
    };
}
