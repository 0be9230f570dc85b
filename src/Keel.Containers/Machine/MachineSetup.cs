using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Installs missing packages (when the build allows it, only as root on Debian or Ubuntu, and says so) and starts
/// daemons in the background with their output in a log file; elsewhere it stops with one line naming what is missing.
/// </summary>
/// <param name="mayInstall">The build allows installing packages (<see cref="ContainerOptions.InstallMissingTools"/>).</param>
internal sealed class MachineSetup(ProcessRunner runner, ToolResolver tools, MachineFacts facts, ILogger log, bool mayInstall)
{
    private bool Installs => mayInstall && facts.CanInstallPackages;

    private bool _updated;

    /// <summary>The tool's path, installing its package first when it is missing and the machine allows it.</summary>
    public string Require(string tool, string package, string why)
    {
        if (TryResolve(tool) is { } path)
            return path;
        if (!Installs)
        {
            var orLetTheBuild = facts.CanInstallPackages ? ", or let the build install it ([ContainerImages(InstallMissingTools = true)])" : "";
            throw new BuildException($"'{tool}' is not installed and {why}; install it (Debian/Ubuntu package '{package}'){orLetTheBuild} and run the build again.");
        }


        log.Warning("'{Tool}' is missing, {Why}: installing the '{Package}' package with apt-get.", tool, why, package);
        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        if (!_updated)
        {
            runner.Run(new ToolInvocation(TryResolve("apt-get") ?? "apt-get", ["update", "-qq"]) { Environment = environment, LogOutput = false });
            _updated = true;
        }

        runner.Run(new ToolInvocation(TryResolve("apt-get") ?? "apt-get", ["install", "-y", "-qq", "--no-install-recommends", package]) { Environment = environment, LogOutput = false });
        return TryResolve(tool) ?? throw new BuildException($"Installing '{package}' did not provide '{tool}'; install it by hand and run the build again.");
    }

    /// <summary>Like <see cref="Require"/>, but null instead of an error when the tool is missing and cannot be installed.</summary>
    public string? TryRequire(string tool, string package, string why) =>
        TryResolve(tool) ?? (Installs ? Require(tool, package, why) : null);

    /// <summary>Starts a long-running program detached from the build, its output in <paramref name="logFile"/>.</summary>
    public void StartDaemon(string executable, IReadOnlyList<string> arguments, string logFile, string pidFile)
    {
        if (!facts.HasStartStopDaemon)
            throw new BuildException($"Cannot start '{Path.GetFileName(executable)}' in the background on this machine; start it yourself ({executable} {string.Join(' ', arguments)}) and run the build again.");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        runner.Run(new ToolInvocation(TryResolve("start-stop-daemon") ?? "start-stop-daemon",
            ["--start", "--background", "--make-pidfile", "--pidfile", pidFile, "--output", logFile, "--exec", executable, "--", .. arguments])
        {
            LogOutput = false,
        });
    }

    /// <summary>Polls until the check passes or the time is up; Ctrl-C ends the wait at once.</summary>
    public bool WaitFor(Func<bool> ready, TimeSpan timeout) => WaitFor(ready, timeout, runner.CancellationToken);

    /// <summary>Polls until the check passes or the time is up; <paramref name="cancellationToken"/> ends the wait at once.</summary>
    public static bool WaitFor(Func<bool> ready, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ready())
                return true;
            cancellationToken.WaitHandle.WaitOne(250);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ready();
    }

    private string? TryResolve(string tool)
    {
        try
        {
            return tools.Resolve(tool);
        }
        catch (BuildException)
        {
            // Also look where Debian puts daemons, which a non-login PATH may lack.
            return new[] { "/usr/sbin", "/usr/bin", "/sbin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        }
    }
}
