using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Running other architectures' programs on this machine (images of another platform, for their smoke test), through
/// qemu-user-static and the kernel's binfmt_misc. Where an architecture is not registered yet, it mounts binfmt_misc,
/// installs qemu-user-static (when the build allows installing) and registers the interpreter from the package's
/// binfmt.d file, and says so; where that cannot be done (not root, no binfmt_misc), it stops in one line naming what is
/// missing, before anything is built.
/// </summary>
/// <param name="binfmt">The binfmt_misc folder; the kernel's unless a test names another.</param>
/// <param name="binfmtConfigurations">Where qemu-user-static keeps its registrations (binfmt.d).</param>
internal sealed class Emulation(MachineSetup machine, ProcessRunner runner, ToolResolver tools, MachineFacts facts, ILogger log,
    string binfmt = "/proc/sys/fs/binfmt_misc", string binfmtConfigurations = "/usr/lib/binfmt.d")
{
    /// <summary>The binfmt_misc entry qemu-user-static registers for each Docker architecture.</summary>
    private static readonly Dictionary<string, string> Interpreters = new(StringComparer.Ordinal)
    {
        ["arm64"] = "qemu-aarch64",
        ["arm"] = "qemu-arm",
        ["amd64"] = "qemu-x86_64",
        ["386"] = "qemu-i386",
        ["ppc64le"] = "qemu-ppc64le",
        ["s390x"] = "qemu-s390x",
        ["riscv64"] = "qemu-riscv64",
    };

    /// <summary>Whether programs of the architecture run here: natively, or through a registered, enabled interpreter.</summary>
    public bool Runs(string architecture, string nativeArchitecture) =>
        architecture == nativeArchitecture || (Interpreters.TryGetValue(architecture, out var name) && IsEnabled(name));

    /// <summary>
    /// Fails in one line when an architecture neither runs here nor can be made to (no emulator for it, or registering
    /// one needs root); changes nothing, so it can run before anything else does.
    /// </summary>
    public void Check(IEnumerable<string> architectures, string nativeArchitecture)
    {
        foreach (var architecture in architectures.Distinct().Where(a => !Runs(a, nativeArchitecture)))
        {
            var platform = $"linux/{architecture}";
            if (!Interpreters.ContainsKey(architecture))
                throw new BuildException($"This machine cannot run {platform} programs, and there is no emulator for that architecture; build {platform} images where they run, or leave {platform} out.");
            if (!facts.IsRoot)
                throw new BuildException($"Running {platform} images here needs emulation (qemu-user-static registered in binfmt_misc), and registering it needs root; run 'sudo apt-get install qemu-user-static' (or docker run --privileged --rm tonistiigi/binfmt --install {architecture}) once, then build again.");
        }
    }

    /// <summary>Makes programs of every architecture run here, registering emulation where it is missing.</summary>
    public void EnsureFor(IEnumerable<string> architectures, string nativeArchitecture)
    {
        var missing = architectures.Distinct().Where(a => !Runs(a, nativeArchitecture)).ToList();
        Check(missing, nativeArchitecture);
        foreach (var architecture in missing)
        {
            var platform = $"linux/{architecture}";
            var name = Interpreters[architecture];
            MountBinfmt(platform);
            machine.Require($"{name}-static", "qemu-user-static", $"{platform} images are smoke-tested under emulation");
            Register(name, platform);
        }
    }

    private void MountBinfmt(string platform)
    {
        if (File.Exists(Path.Combine(binfmt, "register")))
            return;
        log.Warning("Mounting binfmt_misc at {Folder}, for {Platform} emulation.", binfmt, platform);
        var mount = runner.Run(new ToolInvocation(tools.Resolve("mount"), ["-t", "binfmt_misc", "binfmt_misc", binfmt]) { CheckExitCode = false, LogOutput = false });
        if (mount.ExitCode != 0 || !File.Exists(Path.Combine(binfmt, "register")))
        {
            var reason = mount.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? $"exit code {mount.ExitCode}";
            throw new BuildException($"Running {platform} images here needs the kernel's binfmt_misc, which is not mounted at {binfmt} and could not be mounted ({reason}); a container needs --privileged for it, or build only for this machine's platform.");
        }
    }

    private void Register(string name, string platform)
    {
        if (!File.Exists(Path.Combine(binfmt, name)))
        {
            var configuration = Path.Combine(binfmtConfigurations, $"{name}.conf");
            if (!File.Exists(configuration))
                throw new BuildException($"qemu-user-static is installed but has no {configuration} to register {platform} emulation with; reinstall it (apt-get install --reinstall qemu-user-static).");
            var line = File.ReadLines(configuration).First(l => l.StartsWith(':'));
            File.WriteAllText(Path.Combine(binfmt, "register"), line);
        }
        else
        {
            File.WriteAllText(Path.Combine(binfmt, name), "1");
        }

        if (!IsEnabled(name))
            throw new BuildException($"Registering {platform} emulation ({name}) in {binfmt} did not take; check the kernel's log (dmesg).");
        log.Warning("Registered {Platform} emulation ({Name} in binfmt_misc): {Platform} images run here, slowly.", platform, name, platform);
    }

    private bool IsEnabled(string name)
    {
        var entry = Path.Combine(binfmt, name);
        return File.Exists(entry) && File.ReadLines(entry).FirstOrDefault() == "enabled";
    }
}
