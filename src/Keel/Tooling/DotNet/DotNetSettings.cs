namespace Keel.Tooling;

/// <summary>What every <c>dotnet</c> command shares; each command's settings add their own options.</summary>
public abstract record DotNetSettings
{
    /// <summary>The project or solution file, or null for the working directory's.</summary>
    public string? Project { get; init; }

    public string? Configuration { get; init; }

    public string? Verbosity { get; init; }

    /// <summary>
    /// MSBuild properties, passed as <c>-p:Name=Value</c>. A value with the semicolons of a list (<c>linux-x64;linux-arm64</c>)
    /// or commas is quoted for MSBuild, which would otherwise split it into several properties.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    protected abstract string Command { get; }

    /// <summary>The command's own options, after the project.</summary>
    protected virtual IEnumerable<string> Options() => [];

    /// <summary><paramref name="name"/> when <paramref name="on"/>, else nothing.</summary>
    private protected static IEnumerable<string> Flag(bool on, string name) => on ? [name] : [];

    /// <summary><paramref name="name"/> and its value when there is one, else nothing.</summary>
    private protected static IEnumerable<string> Option(string name, string? value) => value is null ? [] : [name, value];

    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string>(Command.Split(' '));
        if (Project is not null)
            arguments.Add(Project);
        arguments.AddRange(Options());
        if (Configuration is not null)
            arguments.AddRange(["--configuration", Configuration]);
        if (Verbosity is not null)
            arguments.AddRange(["--verbosity", Verbosity]);
        arguments.AddRange(Properties.Select(p => $"-p:{p.Key}={Escaped(p.Value)}"));
        arguments.Add("--nologo");
        return arguments;
    }

    /// <summary>A property value as MSBuild reads it whole: it splits unquoted values at ; and , (and strips the quotes itself).</summary>
    private static string Escaped(string value) => value.IndexOfAny([';', ',']) >= 0 ? $"\"{value}\"" : value;
}
