namespace Keel.Logging;

/// <summary>The terminal the build talks to; tests hand in their own writers.</summary>
internal sealed record BuildConsole(TextWriter Out, bool Color)
{
    /// <summary>
    /// This process's standard output; a terminal that closes mid-build ends the writing, not the build. In colour on a
    /// terminal and on GitHub Actions (whose log shows it), unless NO_COLOR is set.
    /// </summary>
    internal static BuildConsole System(IReadOnlyDictionary<string, string> environment, Host host) => new(
        new TerminalWriter(Console.Out),
        !environment.ContainsKey("NO_COLOR") && (!Console.IsOutputRedirected || host.Kind == HostKind.GitHubActions));
}
