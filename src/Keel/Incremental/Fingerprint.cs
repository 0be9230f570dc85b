using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Keel.Incremental;

/// <summary>
/// Hashes of what a target read and wrote. Inputs are hashed by content (a file saved again unchanged, or checked out
/// anew, is still the same input); outputs by size and time of last write (what a tool rewrites is different).
/// </summary>
internal static class Fingerprint
{
    public static string Inputs(AbsolutePath root, IncrementalDeclaration declared, IEnumerable<string> more)
    {
        var (files, missing) = FileSet.Expand(root, declared.Inputs.SelectMany(source => source()));
        var lines = new List<string>();
        foreach (var file in files)
            lines.Add($"file {file} {ContentHash(root / file)}");
        lines.AddRange(missing.Select(pattern => $"missing {pattern}"));
        lines.AddRange(declared.Values.Select(value => $"value {value.Name} {Text(value.Value())}"));
        lines.AddRange(more);
        return Hash(lines);
    }

    public static string Outputs(AbsolutePath root, IncrementalDeclaration declared)
    {
        var (files, missing) = FileSet.Expand(root, declared.Outputs.SelectMany(source => source()));
        var lines = new List<string>();
        foreach (var file in files)
        {
            var info = new FileInfo(root / file);
            lines.Add($"file {file} {info.Length} {info.LastWriteTimeUtc.Ticks}");
        }

        lines.AddRange(missing.Select(pattern => $"missing {pattern}"));
        lines.AddRange(declared.OutputValues.Select(value => $"value {value.Name} {Text(value.Value())}"));
        return Hash(lines);
    }

    /// <summary>A value as it is hashed: strings as they are, sequences item by item, anything else as JSON.</summary>
    internal static string Text(object? value) => value switch
    {
        null => "(null)",
        string text => JsonSerializer.Serialize(text),
        System.Collections.IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };

    private static string ContentHash(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Hash(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
}
