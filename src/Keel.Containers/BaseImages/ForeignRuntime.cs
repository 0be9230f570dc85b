using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// The .NET runtime for another processor, laid out as a global install (/usr/share/dotnet: host/fxr and the shared
/// frameworks) from the runtime packs on NuGet (Microsoft.NETCore.App.Runtime.linux-arm64, ...), the packages the SDK
/// publishes self-contained apps from. The packs hold no <c>dotnet</c> command, so apps on such a stand-in start through
/// their own executable (the apphost <c>dotnet publish -r</c> writes), as the official images' samples do.
/// </summary>
internal sealed class ForeignRuntime(ProcessRunner runner, ToolResolver tools, AbsolutePath temporaryDirectory, ILogger log)
{
    /// <summary>Copies the frameworks, each at the version this machine's own runtime has, into <paramref name="dotnetRoot"/>.</summary>
    public void Install(AbsolutePath dotnetRoot, ContainerPlatform platform, IReadOnlyList<(string Framework, string Version)> frameworks)
    {
        var rid = platform.RuntimeIdentifier;
        var packs = frameworks.Select(f => (f.Framework, f.Version, Package: $"{f.Framework}.Runtime.{rid}")).ToList();
        var packages = Download([.. packs.Select(p => (p.Package, p.Version))]);
        string? hostVersion = null;
        foreach (var (framework, version, package) in packs)
        {
            var root = Path.Combine(packages, package.ToLowerInvariant(), version, "runtimes", rid);
            var managed = Directory.Exists(Path.Combine(root, "lib")) ? Directory.EnumerateDirectories(Path.Combine(root, "lib")).SingleOrDefault() : null;
            if (managed is null)
                throw new BuildException($"The NuGet package {package} {version} has no runtimes/{rid}/lib folder; the stand-in for {platform} cannot be made from it.");
            var destination = dotnetRoot / "shared" / framework / version;
            Directory.CreateDirectory(destination);
            Copy(managed, destination);
            var native = Path.Combine(root, "native");
            if (!Directory.Exists(native))
                continue;
            Copy(native, destination);
            var hostfxr = destination / "libhostfxr.so";
            if (hostfxr.FileExists())
            {
                // In an install, the host resolver lives beside the command, not in the framework.
                Directory.CreateDirectory(dotnetRoot / "host/fxr" / version);
                File.Move(hostfxr, dotnetRoot / "host/fxr" / version / "libhostfxr.so");
                hostVersion = version;
            }
        }

        if (hostVersion is null)
            throw new BuildException($"No runtime pack gave libhostfxr.so for {platform}; the stand-in needs Microsoft.NETCore.App among its shared frameworks.");
    }

    /// <summary>Restores the packs through a throwaway project, so they come from the package sources the repository uses.</summary>
    private string Download(IReadOnlyList<(string Package, string Version)> packages)
    {
        var project = temporaryDirectory / "runtime-packs";
        Directory.CreateDirectory(project);
        // The repository's package sources apply (nuget.config is found upwards); its MSBuild files do not.
        File.WriteAllText(project / "Directory.Build.props", "<Project />\n");
        File.WriteAllText(project / "Directory.Build.targets", "<Project />\n");
        File.WriteAllText(project / "Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        var items = string.Join("\n", packages.Select(p => $"    <PackageDownload Include=\"{p.Package}\" Version=\"[{p.Version}]\" />"));
        File.WriteAllText(project / "runtime-packs.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net{packages[0].Version.Split('.')[0]}.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
            {items}
              </ItemGroup>
            </Project>
            """);
        var named = string.Join(", ", packages.Select(p => $"{p.Package} {p.Version}"));
        log.Information("Downloading the runtime packs {Packages} ...", named);
        var dotnet = tools.Resolve("dotnet");
        var restore = runner.Run(new ToolInvocation(dotnet, ["restore", project / "runtime-packs.csproj"]) { CheckExitCode = false, LogOutput = false, WorkingDirectory = project });
        if (restore.ExitCode != 0)
        {
            var reason = restore.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit code {restore.ExitCode}";
            throw new BuildException($"Could not download {named} for the stand-in base image ({reason}); make the package source serve them, or build this platform where its base image can be pulled.");
        }

        var locals = runner.Run(new ToolInvocation(dotnet, ["nuget", "locals", "global-packages", "--list"]) { LogOutput = false, WorkingDirectory = project });
        var line = locals.StandardOutput.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("global-packages:", StringComparison.Ordinal));
        return line["global-packages:".Length..].Trim();
    }

    private void Copy(string from, AbsolutePath to) =>
        runner.Run(new ToolInvocation(tools.Resolve("cp"), ["-a", Path.Combine(from, "."), to]) { LogOutput = false });
}
