using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Keel.Tests.GitHubActions;

/// <summary>A recorded GitHub Actions run: its GITHUB_* environment and its event payload, replayable in tests.</summary>
public static class Fixture
{
    public static Dictionary<string, string> Environment(string name)
    {
        var directory = Path.Combine(Here(), "Fixtures", name);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "env.json")));
        var environment = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        environment["GITHUB_EVENT_PATH"] = Path.Combine(directory, "event.json");
        return environment;
    }

    /// <summary>The folder of this file, where the fixtures are, in every test project that compiles it.</summary>
    private static string Here([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
