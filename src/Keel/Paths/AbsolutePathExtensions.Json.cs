using System.Text.Json;

namespace Keel;

public static partial class AbsolutePathExtensions
{
    // NUKE's JSON reads names regardless of case and writes indented; the same defaults keep its files readable here.
    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>The file's JSON as a <typeparamref name="T"/> (names match regardless of case unless <paramref name="options"/> say otherwise).</summary>
    public static T ReadJson<T>(this AbsolutePath path, JsonSerializerOptions? options = null)
    {
        var text = path.ReadAllText();
        try
        {
            return JsonSerializer.Deserialize<T>(text, options ?? ReadOptions)
                   ?? throw new BuildException($"'{path}' holds null, not a {typeof(T).Name}; write the value it should hold.");
        }
        catch (JsonException e)
        {
            throw new BuildException($"'{path}' is not a valid {typeof(T).Name} in JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes the value as indented JSON (UTF-8 without a byte-order mark, ending with a line break), creating the parent folder.</summary>
    public static AbsolutePath WriteJson<T>(this AbsolutePath path, T value, JsonSerializerOptions? options = null) =>
        path.WriteAllText(JsonSerializer.Serialize(value, options ?? WriteOptions) + "\n");
}
