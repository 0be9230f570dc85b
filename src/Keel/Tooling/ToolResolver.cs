namespace Keel.Tooling;

/// <summary>Finds a tool: the <c>TOOL_EXE</c> environment variable first, then the PATH.</summary>
public sealed class ToolResolver(IReadOnlyDictionary<string, string> environment)
{
    public string Resolve(string tool) => Candidates(tool) is [var first, ..]
        ? first
        : throw new BuildException($"'{tool}' was not found on PATH; install it, or set {Variable(tool)} to its full path.");

    /// <summary>
    /// Every install of the tool in the order <see cref="Resolve"/> prefers them: only the <c>TOOL_EXE</c> one when that
    /// is set, else each one on the PATH (for a choice between versions of one tool, such as one that has a feature the first lacks).
    /// </summary>
    public IReadOnlyList<string> Candidates(string tool)
    {
        var variable = Variable(tool);
        if (environment.TryGetValue(variable, out var configured) && configured.Length > 0)
        {
            return File.Exists(configured)
                ? [configured]
                : throw new BuildException($"{variable} points to '{configured}', which does not exist; fix or unset {variable}.");
        }

        var extensions = OperatingSystem.IsWindows()
            ? (environment.GetValueOrDefault("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries).Prepend("")
            : [""];
        var path = environment.GetValueOrDefault("PATH") ?? "";
        var found = new List<string>();
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, tool + extension);
                if (File.Exists(candidate) && !found.Contains(candidate))
                    found.Add(candidate);
            }
        }

        return found;
    }

    private static string Variable(string tool) => tool.ToUpperInvariant().Replace('-', '_').Replace('.', '_') + "_EXE";
}
