using System.Diagnostics;

namespace Keel.GlobalTool;

/// <summary>Where the repository's root is, and how its build is started there.</summary>
internal static class Root
{
    /// <summary>The nearest folder at or above <paramref name="directory"/> that holds .nuke/, or null.</summary>
    public static string? Find(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, ".nuke")))
                return folder.FullName;
        }

        return null;
    }

    /// <summary>The script that starts the build, as the platform runs it; an empty file name when there is none.</summary>
    public static ProcessStartInfo? Script(string root)
    {
        var sh = Path.Combine(root, "build.sh");
        var cmd = Path.Combine(root, "build.cmd");
        var ps1 = Path.Combine(root, "build.ps1");
        var start = OperatingSystem.IsWindows()
            ? File.Exists(cmd) ? new ProcessStartInfo(cmd) : File.Exists(ps1) ? PowerShell(ps1) : new ProcessStartInfo("")
            : File.Exists(sh) ? new ProcessStartInfo("bash", [sh]) : File.Exists(ps1) ? PowerShell(ps1) : new ProcessStartInfo("");
        start.UseShellExecute = false;
        start.WorkingDirectory = Directory.GetCurrentDirectory();
        return start;
    }

    private static ProcessStartInfo PowerShell(string script) => new("pwsh", ["-NoLogo", "-NoProfile", "-File", script]);
}
