namespace Keel.Versioning;

/// <summary>
/// Where GitVersion's program is: tools/net10.0/gitversion.dll of the GitVersion.MsBuild package, which the Keel package
/// depends on. First the folder restore put it in, as the build was compiled (the Keel package stamps it into the build's
/// assembly, so a packages folder set in nuget.config is found too), then the packages folder of this run's environment
/// (NUGET_PACKAGES, else ~/.nuget/packages), newest version first.
/// </summary>
internal static class GitVersionPackage
{
    /// <summary>The assembly metadata key under which the build carries the folder restore put GitVersion.MsBuild in.</summary>
    public const string MetadataKey = "Keel.GitVersionPackage";

    /// <summary>The version the Keel package depends on: a build's restore brings it.</summary>
    public const string KeelVersion = "6.8.2";

    private static readonly string[] Program = ["tools", "net10.0", "gitversion.dll"];

    /// <summary>gitversion.dll, or null when neither place holds it (in <paramref name="version"/>, when one is asked for).</summary>
    public static string? Find(string? restored, string packagesFolder, string? version)
    {
        if (restored is { Length: > 0 } && (version is null || Path.GetFileName(restored.TrimEnd('/', '\\')) == version)
            && File.Exists(Path.Combine([restored, .. Program])))
            return Path.Combine([restored, .. Program]);
        var package = Path.Combine(packagesFolder, "gitversion.msbuild");
        if (!Directory.Exists(package))
            return null;
        return Directory.EnumerateDirectories(package).Select(Path.GetFileName).OfType<string>()
            .Where(v => version is null || v == version)
            .Where(v => File.Exists(Path.Combine([package, v, .. Program])))
            .OrderByDescending(v => System.Version.TryParse(v.Split('-')[0], out var parsed) ? parsed : new System.Version())
            .Select(v => Path.Combine([package, v, .. Program]))
            .FirstOrDefault();
    }

    /// <summary>The packages folder of this run: NUGET_PACKAGES, else ~/.nuget/packages.</summary>
    public static string PackagesFolder(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.GetValueOrDefault("HOME") ?? environment.GetValueOrDefault("USERPROFILE") ?? "", ".nuget", "packages");

    /// <summary>What to do when it is in neither place: restore brings the version Keel depends on; another needs a download of its own.</summary>
    public static string Missing(string packagesFolder, string? version, string buildProject) => version is null || version == KeelVersion
        ? $"GitVersion is not restored in {packagesFolder}; restore the build project ('dotnet restore {buildProject}'), which brings GitVersion.MsBuild {KeelVersion} with the Keel package, and run the build again."
        : $"GitVersion {version} is not restored in {packagesFolder}; add <PackageDownload Include=\"GitVersion.MsBuild\" Version=\"[{version}]\" /> to {buildProject} and run the build again.";
}
