namespace Keel.Tooling;

/// <summary>Finds a tool: the <c>TOOL_EXE</c> environment variable first, then the PATH.</summary>
public sealed class ToolResolver(IReadOnlyDictionary<string, string> environment)
{
    public string Resolve(string tool)
    {
        var variable = tool.ToUpperInvariant().Replace('-', '_').Replace('.', '_') + "_EXE";
        if (environment.TryGetValue(variable, out var configured) && configured.Length > 0)
        {
            return File.Exists(configured)
                ? configured
                : throw new BuildException($"{variable} points to '{configured}', which does not exist; fix or unset {variable}.");
        }

        var extensions = OperatingSystem.IsWindows()
            ? (environment.GetValueOrDefault("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries).Prepend("")
            : [""];
        var path = environment.GetValueOrDefault("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, tool + extension);
                if (File.Exists(candidate))
                    return candidate;
            }
        }

        throw new BuildException($"'{tool}' was not found on PATH; install it, or set {variable} to its full path.");
    }
}
