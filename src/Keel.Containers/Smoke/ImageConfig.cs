using System.Text.Json;

namespace Keel.Containers;

/// <summary>
/// What a smoke test reads of a local image before it runs it: its platform (os/architecture[/variant]), the ports it
/// EXPOSEs ("8080/tcp") and its environment ("NAME=value"), as <c>docker image inspect</c> reports them.
/// </summary>
internal sealed record ImageConfig(string Platform, IReadOnlyList<string> ExposedPorts, IReadOnlyList<string> Environment)
{
    /// <summary>The image's config from <c>docker image inspect</c>'s JSON (an array of one image, or the image itself).</summary>
    public static ImageConfig Parse(string inspected)
    {
        using var document = JsonDocument.Parse(inspected);
        var image = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement[0] : document.RootElement;
        string Text(string name) => image.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        var platform = Text("Variant") is { Length: > 0 } variant ? $"{Text("Os")}/{Text("Architecture")}/{variant}" : $"{Text("Os")}/{Text("Architecture")}";
        if (!image.TryGetProperty("Config", out var config) || config.ValueKind != JsonValueKind.Object)
            return new ImageConfig(platform, [], []);
        IReadOnlyList<string> ports = config.TryGetProperty("ExposedPorts", out var exposed) && exposed.ValueKind == JsonValueKind.Object
            ? [.. exposed.EnumerateObject().Select(p => p.Name)]
            : [];
        IReadOnlyList<string> environment = config.TryGetProperty("Env", out var env) && env.ValueKind == JsonValueKind.Array
            ? [.. env.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
        return new ImageConfig(platform, ports, environment);
    }

    /// <summary>The value of an environment variable the image sets; null when it sets none.</summary>
    public string? Variable(string name) =>
        Environment.LastOrDefault(e => e.StartsWith(name + "=", StringComparison.Ordinal)) is { } entry ? entry[(name.Length + 1)..] : null;
}
