using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Keel.Extensions;

/// <summary>
/// Renders <c>build/Properties/launchSettings.json</c>: one profile per listed target, so Visual Studio, Rider and
/// VS Code run or debug any target from their run menu. The target is also in the profile's environment
/// (<see cref="TargetVariable"/>), because <c>dotnet run --launch-profile X -- --plan</c> replaces the profile's
/// arguments with the ones given: the profile keeps its target when arguments are added.
/// </summary>
internal static class LaunchSettingsRenderer
{
    /// <summary>The variable that names a profile's target; read only when the command line names none, and not handed to tools.</summary>
    public const string TargetVariable = "KEEL_LAUNCH_TARGET";

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
                json.WriteStartObject("environmentVariables");
                json.WriteString(TargetVariable, target.Name);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }
}
