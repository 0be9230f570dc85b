using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>Runs an image for a moment and asks it over HTTP, as a user checking a published image would.</summary>
public static class RunningImage
{
    /// <param name="reference">The image.</param>
    /// <param name="path">What to ask for.</param>
    /// <param name="platform">The platform of the image (another processor's runs under emulation); null: the engine's own.</param>
    public static async Task<JsonElement> GetJsonAsync(string reference, string path, string? platform = null)
    {
        var port = SecureRegistry.FreePort();
        var container = Shell.Check("docker", ["run", "--detach", "--publish", $"127.0.0.1:{port}:8080", .. platform is null ? Array.Empty<string>() : ["--platform", platform], reference]);
        try
        {
            using var http = new HttpClient();
            for (var i = 0; ; i++)
            {
                try
                {
                    return JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}{path}")).RootElement.Clone();
                }
                catch (HttpRequestException) when (i < 240)
                {
                    await Task.Delay(250);
                }
            }
        }
        finally
        {
            Shell.Run("docker", ["rm", "--force", container]);
        }
    }

    /// <summary>Runs the image and asks for a page on its port 8080: the status and the page, once the app answers.</summary>
    public static async Task<(HttpStatusCode Status, string Page)> GetPageAsync(string reference, string path)
    {
        var port = SecureRegistry.FreePort();
        var container = Shell.Check("docker", ["run", "--detach", "--publish", $"127.0.0.1:{port}:8080", reference]);
        try
        {
            using var http = new HttpClient();
            for (var i = 0; ; i++)
            {
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}{path}");
                    return (response.StatusCode, await response.Content.ReadAsStringAsync());
                }
                catch (HttpRequestException) when (i < 240)
                {
                    await Task.Delay(250);
                }
            }
        }
        finally
        {
            Shell.Run("docker", ["rm", "--force", container]);
        }
    }

    /// <summary>The image's labels, from the local engine.</summary>
    public static IReadOnlyDictionary<string, string> Labels(string reference)
    {
        using var labels = JsonDocument.Parse(Shell.Check("docker", "image", "inspect", "--format", "{{json .Config.Labels}}", reference));
        return labels.RootElement.ValueKind == JsonValueKind.Object
            ? labels.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : new Dictionary<string, string>();
    }
}
