using Keel.Tooling;
namespace Keel.Containers;

/// <summary>What the build may do to this machine: install packages (root on Debian or Ubuntu) and start daemons.</summary>
internal sealed record MachineFacts(bool IsRoot, string OsId, bool HasAptGet, bool HasStartStopDaemon)
{
    /// <summary>Missing tools may be installed with apt-get: running as root on Debian or Ubuntu.</summary>
    public bool CanInstallPackages => IsRoot && HasAptGet && OsId is "debian" or "ubuntu";

    /// <summary>Who the build runs as, for messages that tell that user what to do; empty when not known.</summary>
    public string UserName { get; init; } = "";

    public static MachineFacts ForThisMachine()
    {
        var osId = "";
        if (OperatingSystem.IsLinux() && File.Exists("/etc/os-release"))
        {
            osId = File.ReadAllLines("/etc/os-release")
                .Where(l => l.StartsWith("ID=", StringComparison.Ordinal))
                .Select(l => l[3..].Trim('"'))
                .FirstOrDefault() ?? "";
        }

        return new MachineFacts(
            Environment.IsPrivilegedProcess,
            osId,
            File.Exists("/usr/bin/apt-get"),
            File.Exists("/usr/sbin/start-stop-daemon") || File.Exists("/sbin/start-stop-daemon"))
        {
            UserName = Environment.UserName,
        };
    }
}
