using Keel.Tests.Support;

namespace Keel.Tests.Bootstrap;

/// <summary>
/// A copy of this repository's build (the engine's sources, the build, the bootstrap scripts and the committed
/// workflows, no bin or obj) for build.sh to compile and start, and the ways the bootstrap tests start it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class BuildCopy
{
    private static readonly string[] Copied = ["build", "src/Keel", "src/Keel.Components", "src/Keel.Containers", "global.json", "Directory.Build.props", "build.sh", "build.cmd", "build.ps1", ".nuke/parameters.json", ".github/workflows"];

    public static TempDirectory CopyOfRepository()
    {
        var copy = new TempDirectory();
        foreach (var item in Copied)
        {
            var source = Path.Combine(Repository.Root, item);
            if (File.Exists(source))
                File.Copy(source, copy.File(item), overwrite: true);
            else
                CopyDirectory(source, copy.File(item));
        }

        // Keep build.sh executable, as git does.
        File.SetUnixFileMode(copy.File("build.sh"), File.GetUnixFileMode(Path.Combine(Repository.Root, "build.sh")));
        return copy;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
    }

    public static (int ExitCode, string Output) Run(TempDirectory root, string workingDirectory, params string[] args) =>
        Run(root, workingDirectory, args, path: null);

    /// <param name="path">The PATH build.sh runs with; this process's when null.</param>
    public static (int ExitCode, string Output) Run(TempDirectory root, string workingDirectory, string[] args, string? path) =>
        Command.Run(root.File("build.sh"), args, workingDirectory, start =>
        {
            start.Environment.Remove("DOTNET_EXE");
            start.Environment["NO_COLOR"] = "1";
            if (path is not null)
                start.Environment["PATH"] = path;
        });

    /// <summary>PowerShell 7, as the .NET tool it ships as, installed once per machine into the temp folder.</summary>
    public static string PowerShell()
    {
        var tools = Path.Combine(Path.GetTempPath(), "keel-tests-pwsh-7.6.9");
        var pwsh = Path.Combine(tools, "pwsh");
        if (!File.Exists(pwsh))
        {
            var install = Command.Run("dotnet", ["tool", "install", "--tool-path", tools, "PowerShell", "--version", "7.6.9"], Path.GetTempPath());
            Assert.True(install.ExitCode == 0 || File.Exists(pwsh), install.Output);
        }

        return pwsh;
    }
}
