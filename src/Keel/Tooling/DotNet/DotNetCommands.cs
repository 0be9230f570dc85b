namespace Keel.Tooling;

/// <summary><c>dotnet restore</c>.</summary>
public sealed record DotNetRestoreSettings : DotNetSettings
{
    protected override string Command => "restore";
}

/// <summary><c>dotnet build</c>.</summary>
public sealed record DotNetBuildSettings : DotNetSettings
{
    public bool NoRestore { get; init; }

    protected override string Command => "build";

    protected override IEnumerable<string> Options() => Flag(NoRestore, "--no-restore");
}

/// <summary><c>dotnet test</c>.</summary>
public sealed record DotNetTestSettings : DotNetSettings
{
    public bool NoRestore { get; init; }
    public bool NoBuild { get; init; }
    public string? Filter { get; init; }
    public string? ResultsDirectory { get; init; }
    public IReadOnlyList<string> Loggers { get; init; } = [];

    protected override string Command => "test";

    protected override IEnumerable<string> Options() =>
    [
        .. Flag(NoRestore, "--no-restore"),
        .. Flag(NoBuild, "--no-build"),
        .. Option("--filter", Filter),
        .. Option("--results-directory", ResultsDirectory),
        .. Loggers.SelectMany(logger => Option("--logger", logger)),
    ];
}

/// <summary><c>dotnet publish</c>.</summary>
public sealed record DotNetPublishSettings : DotNetSettings
{
    public bool NoRestore { get; init; }
    public bool NoBuild { get; init; }
    public string? Output { get; init; }
    public string? Runtime { get; init; }
    public bool? SelfContained { get; init; }

    protected override string Command => "publish";

    protected override IEnumerable<string> Options() =>
    [
        .. Flag(NoRestore, "--no-restore"),
        .. Flag(NoBuild, "--no-build"),
        .. Option("--output", Output),
        .. Option("--runtime", Runtime),
        .. SelfContained is { } selfContained ? [selfContained ? "--self-contained" : "--no-self-contained"] : Array.Empty<string>(),
    ];
}

/// <summary><c>dotnet pack</c>: NuGet packages (and symbol packages) of a project into <see cref="Output"/>.</summary>
public sealed record DotNetPackSettings : DotNetSettings
{
    public bool NoRestore { get; init; }
    public bool NoBuild { get; init; }
    public string? Output { get; init; }

    /// <summary>Also write a symbol package (.snupkg).</summary>
    public bool IncludeSymbols { get; init; }

    protected override string Command => "pack";

    protected override IEnumerable<string> Options() =>
    [
        .. Flag(NoRestore, "--no-restore"),
        .. Flag(NoBuild, "--no-build"),
        .. Option("--output", Output),
        .. Flag(IncludeSymbols, "--include-symbols"),
        .. Flag(IncludeSymbols, "-p:SymbolPackageFormat=snupkg"),
    ];
}

/// <summary>
/// <c>dotnet nuget push</c> of a package (<see cref="DotNetSettings.Project"/> is the .nupkg). The API key is a secret:
/// it goes to NuGet in the NUGET_API_KEY variable (NuGet 7.6 and later read it), never on the command line.
/// </summary>
public sealed record DotNetNuGetPushSettings : DotNetSettings
{
    public string? Source { get; init; }
    public string? ApiKey { get; init; }
    public bool SkipDuplicate { get; init; }

    protected override string Command => "nuget push";

    protected override IEnumerable<string> Options() =>
    [
        .. Option("--source", Source),
        .. Flag(SkipDuplicate, "--skip-duplicate"),
    ];
}

/// <summary><c>dotnet tool restore</c>: the local tools of the repository's tool manifest.</summary>
public sealed record DotNetToolRestoreSettings : DotNetSettings
{
    protected override string Command => "tool restore";
}

/// <summary><c>dotnet clean</c>.</summary>
public sealed record DotNetCleanSettings : DotNetSettings
{
    protected override string Command => "clean";
}
