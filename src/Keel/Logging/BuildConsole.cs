namespace Keel.Logging;

/// <summary>The terminal the build talks to; tests hand in their own writers.</summary>
public sealed record BuildConsole(TextWriter Out, bool Color)
{
    /// <summary>This process's standard output; a terminal that closes mid-build ends the writing, not the build.</summary>
    public static BuildConsole System(IReadOnlyDictionary<string, string> environment) => new(
        new TerminalWriter(Console.Out),
        !environment.ContainsKey("NO_COLOR") && (!Console.IsOutputRedirected || environment.ContainsKey("GITHUB_ACTIONS")));
}
