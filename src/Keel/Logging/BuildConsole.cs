namespace Keel.Logging;

/// <summary>The terminal the build talks to; tests hand in their own writers.</summary>
public sealed record BuildConsole(TextWriter Out, bool Color)
{
    public static BuildConsole System(IReadOnlyDictionary<string, string> environment) => new(
        Console.Out,
        !environment.ContainsKey("NO_COLOR") && (!Console.IsOutputRedirected || environment.ContainsKey("GITHUB_ACTIONS")));
}
