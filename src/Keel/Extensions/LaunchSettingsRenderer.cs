using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Keel.Extensions;

/// <summary>
/// Renders <c>build/Properties/launchSettings.json</c>: one profile per listed target, so Visual Studio, Rider and
/// VS Code run or debug any target from their run menu.
/// </summary>
internal static class LaunchSettingsRenderer
{
    public static string Render(IEnumerable<TargetDefinition> listedTargets)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/launchsettings.json");
            json.WriteStartObject("profiles");
            foreach (var target in listedTargets.OrderBy(t => !t.IsDefault))
            {
                json.WriteStartObject(target.Name);
                json.WriteString("commandName", "Project");
                json.WriteString("commandLineArgs", target.Name);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }
}
