using Keel.Tooling;

namespace Keel.Containers;

/// <summary>This machine's .NET install (where <c>dotnet</c> resolves to): what stand-ins are made from.</summary>
internal sealed class DotNetInstall(ToolResolver tools)
{
    private string? _home;
    private DotNetVersions? _versions;

    /// <summary>The install folder: /usr/share/dotnet.</summary>
    public string Home => _home ??= FindHome();

    /// <summary>The newest runtime, ASP.NET Core and SDK of the install.</summary>
    public DotNetVersions Versions => _versions ??= new(Newest("shared/Microsoft.NETCore.App"), Newest("shared/Microsoft.AspNetCore.App"), Newest("sdk"));

    /// <summary>The newest version of each shared framework, and its folder.</summary>
    public IReadOnlyList<(string Framework, string Version, string Folder)> Frameworks(IReadOnlyList<string> frameworks) =>
        [.. frameworks.Select(framework => (framework, Newest($"shared/{framework}"), Path.Combine(Home, "shared", framework, Newest($"shared/{framework}"))))];

    private string Newest(string folder)
    {
        var path = Path.Combine(Home, folder);
        var versions = (Directory.Exists(path) ? Directory.EnumerateDirectories(path) : [])
            .Select(Path.GetFileName)
            .Where(v => v is not null && char.IsAsciiDigit(v[0]))
            .OrderBy(v => Version.TryParse(v!.Split('-')[0], out var parsed) ? parsed : new Version(0, 0), Comparer<Version>.Default)
            .ToList();
        return versions.Count == 0
            ? throw new BuildException($"This machine's .NET in {Home} has nothing in {folder} to put into a stand-in base image; install the .NET SDK there.")
            : versions[^1]!;
    }

    private string FindHome()
    {
        var dotnet = new FileInfo(tools.Resolve("dotnet"));
        return (dotnet.LinkTarget is { } target ? new FileInfo(Path.Combine(dotnet.DirectoryName!, target)) : dotnet).Directory!.FullName;
    }
}
